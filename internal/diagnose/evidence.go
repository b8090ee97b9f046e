package diagnose

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

// maxListed is how many sockets, programs or interfaces one finding lists;
// the rest are counted.
const maxListed = 10

// listed returns lines cut to maxListed, with a last line counting the
// others.
func listed(lines []string) []string {
	if len(lines) <= maxListed {
		return lines
	}
	rest := len(lines) - maxListed
	return append(lines[:maxListed:maxListed], fmt.Sprintf("... and %d more", rest))
}

// ownerText names the program holding a socket: "nginx (pid 812)", or why
// it is not known.
func ownerText(h *snapshot.Host, inode uint64) string {
	if h.Owners == nil {
		return "owner not read"
	}
	if o, ok := h.Owners.Lookup(inode); ok {
		return fmt.Sprintf("%s (pid %d)", o.Program, o.PID)
	}
	return "owner unknown"
}

// protoText names a socket's protocol as netstat does ("tcp", "udp6").
func protoText(sk *sockets.Socket) string {
	name := map[sockets.Protocol]string{
		sockets.TCP: "tcp", sockets.UDP: "udp", sockets.UDPLite: "udpl", sockets.Raw: "raw",
	}[sk.Protocol]
	if sk.IPv6Table {
		name += "6"
	}
	return name
}
