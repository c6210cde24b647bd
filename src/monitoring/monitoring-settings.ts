import { BaseDefinition, DEFAULT_GRAFANA_IMAGE, DEFAULT_PROMETHEUS_IMAGE } from '../definitions/base-definition';
import { MonitoringRenderInput } from './render-monitoring';

/** The device name the data volume is attached as (Nitro instances add /dev/sdf → nvme symlinks). */
export const DATA_DEVICE = '/dev/sdf';

/** Defaults of a base's monitoring, resolved once. */
export function monitoringSettings(def: BaseDefinition) {
  const m = def.monitoring ?? {};
  return {
    instanceType: m.instanceType ?? 't3.small',
    dataVolumeGiB: m.dataVolumeGiB ?? 20,
    retentionDays: m.retentionDays ?? 15,
    prometheusImage: m.prometheusImage ?? DEFAULT_PROMETHEUS_IMAGE,
    grafanaImage: m.grafanaImage ?? DEFAULT_GRAFANA_IMAGE,
    grafanaHost: `grafana.${def.domain}`,
    grafanaSecretName: `branchenv/${def.tier}/${def.vpcName}/grafana-admin`,
  };
}

/** What the templates need, from the base definition alone (so `env render` and the stack agree). */
export function monitoringRenderInput(def: BaseDefinition): MonitoringRenderInput {
  const s = monitoringSettings(def);
  return {
    tier: def.tier,
    region: def.region,
    vpcName: def.vpcName,
    clusterName: def.vpcName,
    grafanaHost: s.grafanaHost,
    grafanaSecretName: s.grafanaSecretName,
    retentionDays: s.retentionDays,
    dataDevice: DATA_DEVICE,
    prometheusImage: s.prometheusImage,
    grafanaImage: s.grafanaImage,
  };
}
