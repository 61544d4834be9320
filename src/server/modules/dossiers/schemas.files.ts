import { BinaryFile } from '../../platform/binary-file.ts';

/** An attachment's bytes, as downloaded. */
export const FileContent = BinaryFile;
