# SPDX-License-Identifier: GPL-3.0-or-later
# Writes points through Debian's python3-influxdb, the InfluxDB 1.x client (POST /write).
# Usage: python3 write_v1.py HOST PORT TOKEN START_MS COUNT on|off   (gzip on or off)
import sys

from influxdb import InfluxDBClient

host, port, token, start, count, gzip = sys.argv[1:7]
client = InfluxDBClient(host=host, port=int(port), username="user", password=token,
                        database="db", gzip=gzip == "on")
points = [{
    "measurement": "clients",
    "tags": {"lib": "py", "gzip": gzip},
    "time": int(start) + i,
    "fields": {"i": i, "f": i + 0.25, "s": 'n %d, "q" \\ x' % i, "b": i % 2 == 0,
               "big": 9223372036854775807},
} for i in range(int(count))]
if not client.write_points(points, time_precision="ms", batch_size=100):
    sys.exit(1)
