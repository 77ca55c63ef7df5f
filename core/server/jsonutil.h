// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The server's JSON pieces are the format layer's (format/json.h), shared with the ingest of
// other protocols; endpoints reach them as Server::Json.
#include "format/json.h"

namespace Server {
namespace Json = ::Json;
}
