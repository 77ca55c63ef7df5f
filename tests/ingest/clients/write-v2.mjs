// SPDX-License-Identifier: GPL-3.0-or-later
// Writes points through the official InfluxDB 2 client library (POST /api/v2/write).
// Usage: node write-v2.mjs URL TOKEN START_MS COUNT on|off   (gzip on or off)
import {InfluxDB, Point} from '@influxdata/influxdb-client'

const [url, token, startText, countText, gzip] = process.argv.slice(2)
const start = Number(startText)
const count = Number(countText)
const writeApi = new InfluxDB({url, token}).getWriteApi('org', 'bucket', 'ms', {
  batchSize: 100,
  maxRetries: 0,
  // Gzip every body, or none.
  gzipThreshold: gzip === 'on' ? 0 : Number.MAX_SAFE_INTEGER,
})
for (let i = 0; i < count; ++i) {
  writeApi.writePoint(
    new Point('clients')
      .tag('lib', 'js')
      .tag('gzip', gzip)
      .intField('i', i)
      .floatField('f', i + 0.25)
      .stringField('s', `n ${i}, "q" \\ x`)
      .booleanField('b', i % 2 === 0)
      .uintField('u', '18446744073709551615')
      .timestamp(start + i)
  )
}
await writeApi.close()
