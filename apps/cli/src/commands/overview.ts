/** What `payterm` prints on its own and, until the host lands, what `payterm start` prints. */
export const OVERVIEW = `PayTerm — open-source bank-card acquiring platform

  terminal  ⇄  ISO 8583 (UnionPay-style POS dialect)  ⇄  acquirer host  ⇄  issuer simulator
  terminal management (signed software, parameters) · merchant portal · payment toolkit

Available now
  payterm iso8583 decode    hex → JSON          (payterm iso8583 decode --help)
  payterm iso8583 encode    JSON → hex
  payterm iso8583 describe  hex → readable dump with masking
  payterm iso8583 spec      the built-in message specs as data

Coming next (see the issues): payment crypto tools, the acquirer host, the terminal,
the web terminal, QR payments and terminal management.
`;

export const START_NOTE = `The acquirer host is not built yet, so there is nothing to start; this is what exists today.

`;
