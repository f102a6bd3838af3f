/**
 * Minimal encoder for the AWS event stream framing (application/vnd.amazon.eventstream), enough for the fake
 * SageMaker runtime to answer InvokeEndpointWithResponseStream the way the real service does. Written out here
 * (rather than importing the SDK's codec) so the fake checks the SDK against the wire format, not against itself.
 *
 * Frame: total length (u32) | headers length (u32) | prelude CRC32 | headers | payload | message CRC32.
 * Header: name length (u8) | name | type (u8, 7 = string) | value length (u16) | value.
 */

const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

export function crc32(data: Uint8Array, seed = 0): number {
    let crc = (seed ^ 0xffffffff) >>> 0;
    for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}

export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
    const headerParts: Buffer[] = [];
    for (const [name, value] of Object.entries(headers)) {
        const nameBytes = Buffer.from(name, "utf8");
        const valueBytes = Buffer.from(value, "utf8");
        const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
        let offset = part.writeUInt8(nameBytes.length, 0);
        offset += nameBytes.copy(part, offset);
        offset = part.writeUInt8(7, offset);
        offset = part.writeUInt16BE(valueBytes.length, offset);
        valueBytes.copy(part, offset);
        headerParts.push(part);
    }
    const headerBytes = Buffer.concat(headerParts);
    const total = 12 + headerBytes.length + payload.length + 4;
    const message = Buffer.alloc(total);
    message.writeUInt32BE(total, 0);
    message.writeUInt32BE(headerBytes.length, 4);
    message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
    headerBytes.copy(message, 12);
    Buffer.from(payload).copy(message, 12 + headerBytes.length);
    message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
    return message;
}

/** One PayloadPart event of SageMaker's ResponseStream union. */
export function payloadPartEvent(bytes: Uint8Array): Buffer {
    return encodeEventStreamMessage(
        { ":event-type": "PayloadPart", ":content-type": "application/octet-stream", ":message-type": "event" },
        bytes,
    );
}
