package routes

import "github.com/gonetstat/netstat/internal/addrtext"

// Namer resolves addresses to names (see addrtext.Namer).
type Namer = addrtext.Namer
