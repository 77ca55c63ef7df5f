-- SPDX-License-Identifier: GPL-3.0-or-later
-- One 45-byte JSON event per request: POST /channel/bench
wrk.method = "POST"
wrk.path = "/channel/bench"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"sensor":"temp-01","value":21.5,"ok":true}'
