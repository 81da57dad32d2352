/** What `payterm` prints on its own. */
export const OVERVIEW = `PayTerm — open-source bank-card acquiring platform

  terminal  ⇄  ISO 8583 (UnionPay-style POS dialect)  ⇄  acquirer host  ⇄  issuer simulator
  terminal management (signed software, parameters) · merchant portal · payment toolkit

Available now
  payterm start             the platform on the embedded default (SQLite in ./data)
  payterm host              the acquirer host: ISO 8583 over TCP / WebSocket, HTTP API
  payterm iso8583 decode    hex → JSON          (payterm iso8583 decode --help)
  payterm iso8583 encode    JSON → hex
  payterm iso8583 describe  hex → readable dump with masking
  payterm iso8583 spec      the built-in message specs as data
  payterm tools pinblock    PIN blocks: encode, decode, translate (formats 0, 1, 3, 4)
  payterm tools kcv         key check values
  payterm tools mac         POS ECB, X9.19, ISO 9797-1, TDES/AES CMAC
  payterm tools tlv decode  EMV BER-TLV → JSON with tag names and masking
  payterm tools qr          EMVCo merchant-presented QR: decode (validate), encode
  payterm tools dukpt       TDES and AES DUKPT keys of a KSN (test tool)
  payterm tools tr31        TR-31 key blocks B and D: decode, encode
  payterm tms keygen        the package-signing key (Ed25519) in the host's HSM
  payterm tms package       a signed terminal software package (.ptpkg)
  payterm tms inspect       a package's manifest, and whether it verifies
  payterm tms publish       upload a package to the host (--url, --token or PAYTERM_API_TOKEN)
  payterm tms rollout       create (--all | --merchant | --tids | --percent), pause, resume, cancel, status
  payterm tms fleet         every terminal's versions, offer and rollouts
  payterm tms params        set (--scope all | merchant:MID | terminal:TID KEY=VALUE…), list

Coming next (see the issues): the terminal, the web terminal, QR payments and
terminal management.
`;
