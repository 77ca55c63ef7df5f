-- SPDX-License-Identifier: GPL-3.0-or-later
-- POST /batch with a TimeFrame body read from BATCH_FILE (made by bench_http_serve --batch-file).
local f = assert(io.open(os.getenv("BATCH_FILE") or "/tmp/batch.tf", "rb"))
wrk.method = "POST"
wrk.path = "/batch"
wrk.headers["Content-Type"] = "application/vnd.syncstreamer.timeframe"
wrk.body = f:read("*a")
f:close()
