export {
  TEST_CARDS,
  cardProfile,
  findTestCard,
  hasChip,
  track2Of,
  type CardAccountType,
  type CardBrand,
  type CardProfile,
  type TestCard,
} from './test-cards.js';
export { describeEntryMode } from './entry-mode.js';
export {
  TEST_ISSUER_MASTER_KEY_HEX,
  ARQC_DATA_TAGS,
  deriveTestCardKey,
  computeTestArqc,
} from './test-card-cryptogram.js';
export { buildIccData, emvDate, type IccDataInput } from './icc-data.js';
export {
  TestCardReader,
  type CardPick,
  type CardPicker,
  type TestCardReaderOptions,
} from './test-card-reader.js';
