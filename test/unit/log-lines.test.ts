import { colourOf, formatLogJson, formatLogLine, LABEL_COLOURS, streamParts, visibleText, wantsColour } from '../../src/cli/log-lines';

const event = { time: Date.UTC(2026, 10, 22, 8, 0, 1, 234), stream: 'web/envoy/0123456789abcdef', message: 'GET /health 200\n' };

describe('log lines', () => {
  it('splits an awslogs stream name into service, container and task', () => {
    expect(streamParts('web/envoy/0123456789abcdef')).toEqual({ service: 'web', container: 'envoy', task: '0123456789abcdef' });
    expect(streamParts('odd-stream')).toEqual({ service: 'odd-stream', container: '', task: '' });
  });

  it('prints time, service/container and message plainly without colour', () => {
    expect(formatLogLine(event, { colour: false })).toBe('2026-11-22T08:00:01.234Z web/envoy GET /health 200');
  });

  it('colours service/container with the colour of its name', () => {
    const colour = colourOf('web/envoy');
    expect(formatLogLine(event, { colour: true })).toBe(`2026-11-22T08:00:01.234Z \u001b[${colour}mweb/envoy\u001b[39m GET /health 200`);
  });

  it('gives a name the same colour every time, and different names different colours', () => {
    expect(colourOf('web/app')).toBe(colourOf('web/app'));
    const names = ['web/app', 'web/envoy', 'api/app', 'api/envoy', 'worker/app', 'worker/envoy', 'auth/app', 'auth/envoy'];
    const colours = new Set(names.map(colourOf));
    expect(colours.size).toBeGreaterThan(2);
    for (const c of colours) expect(LABEL_COLOURS).toContain(c);
  });

  it('uses colour only on a terminal with NO_COLOR unset', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(undefined, {})).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
  });

  it('keeps one event on one line and shows control characters instead of obeying them', () => {
    expect(visibleText('a\nb\r\n')).toBe('a\\nb');
    expect(visibleText('\u001b[2Jcleared\tok')).toBe('\\x1b[2Jcleared\tok');
    expect(formatLogLine({ ...event, message: 'line 1\nline 2' }, { colour: false }).split('\n')).toHaveLength(1);
  });

  it('prints NDJSON with time, service, container, task and message', () => {
    const line = formatLogJson({ ...event, message: 'say "hi"\n' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ time: '2026-11-22T08:00:01.234Z', service: 'web', container: 'envoy', task: '0123456789abcdef', message: 'say "hi"' });
  });
});
