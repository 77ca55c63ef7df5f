-- SPDX-License-Identifier: GPL-3.0-or-later
-- POST /api/v2/write with the body in LINES_FILE (made by make-lines); GZIP=1: the file is gzip.
local f = assert(io.open(os.getenv("LINES_FILE") or "/tmp/lines.txt", "rb"))
wrk.method = "POST"
wrk.path = "/api/v2/write?org=o&bucket=b&precision=ms"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
if os.getenv("GZIP") == "1" then
    wrk.headers["Content-Encoding"] = "gzip"
end
wrk.body = f:read("*a")
f:close()

function response(status, headers, body)
    if status ~= 204 then
        io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
    end
end
