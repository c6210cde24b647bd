/** What one try of a URL probe gives, for the HTTP/1.1 and the HTTP/2 probe alike. */
export interface TryResult {
  readonly status?: number;
  readonly problem?: string;
  readonly tlsError: boolean;
}

export const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|EPROTO/;
