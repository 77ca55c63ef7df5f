// SPDX-License-Identifier: MIT
// A small TimeFrame writer for the tests and the fake server (the player only decodes).

const enc = new TextEncoder();

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return enc.encode(data);
  return enc.encode(JSON.stringify(data));
}

// frame: {startAt, endAt, channels: [{id, type, items: [{timestamp, data}]}]}
// layout: 'documented' (type first) or 'reference' (id first).
export function encode(frame, layout = 'documented') {
  const meta = [];
  const data = [];
  let metaSize = 0;
  let dataSize = 0;
  for (const channel of frame.channels) {
    const id = enc.encode(channel.id);
    const type = enc.encode(channel.type);
    const [first, second] = layout === 'reference' ? [id, type] : [type, id];
    const record = new Uint8Array(16 + first.length + second.length);
    const rv = new DataView(record.buffer);
    rv.setBigUint64(0, BigInt(dataSize));
    rv.setUint32(8, first.length);
    rv.setUint32(12, second.length);
    record.set(first, 16);
    record.set(second, 16 + first.length);
    meta.push(record);
    metaSize += record.length;
    for (const item of channel.items) {
      const payload = asBytes(item.data);
      const head = new Uint8Array(16);
      const hv = new DataView(head.buffer);
      hv.setBigInt64(0, BigInt(item.timestamp));
      hv.setBigUint64(8, BigInt(payload.length));
      data.push(head, payload);
      dataSize += 16 + payload.length;
    }
  }
  const out = new Uint8Array(30 + metaSize + dataSize);
  const v = new DataView(out.buffer);
  v.setUint16(0, 1);
  v.setUint32(2, metaSize);
  v.setBigUint64(6, BigInt(dataSize));
  v.setBigInt64(14, BigInt(frame.startAt));
  v.setBigInt64(22, BigInt(frame.endAt));
  let pos = 30;
  for (const part of [...meta, ...data]) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

// Converts the JSON form of `syncstreamer decode` (base64 item data) to a frame object.
export function frameFromJson(json) {
  return {
    startAt: json.startAt,
    endAt: json.endAt,
    channels: json.channels.map((c) => ({
      id: c.id,
      type: c.type,
      items: c.items.map((i) => ({ timestamp: i.timestamp, data: new Uint8Array(Buffer.from(i.data, 'base64')) })),
    })),
  };
}
