package sockets

import (
	"strconv"

	"github.com/gonetstat/netstat/internal/cfmt"
)

// isListening reports whether a UNIX socket is a "server" for -l: not
// connected and accepting connections.
func (u *UnixSocket) isListening() bool {
	return u.State == UnixUnconnected && u.Flags&UnixAccept != 0
}

func (u *UnixSocket) flagsText() string {
	s := "[ "
	if u.Flags&UnixAccept != 0 {
		s += "ACC "
	}
	if u.Flags&UnixWaitData != 0 {
		s += "W "
	}
	if u.Flags&UnixNoSpace != 0 {
		s += "N "
	}
	return s + "]"
}

var unixTypes = [...]string{1: "STREAM", 2: "DGRAM", 3: "RAW", 4: "RDM", 5: "SEQPACKET"}

func (u *UnixSocket) typeText() string {
	if u.Type > 0 && u.Type < uint64(len(unixTypes)) {
		return unixTypes[u.Type]
	}
	return "UNKNOWN"
}

func (u *UnixSocket) stateText() string {
	switch u.State {
	case 0:
		return "FREE"
	case 1:
		if u.Flags&UnixAccept != 0 {
			return "LISTENING"
		}
		return ""
	case 2:
		return "CONNECTING"
	case 3:
		return "CONNECTED"
	case 4:
		return "DISCONNECTING"
	}
	return "UNKNOWN"
}

func unixHeader(all, listening, programs bool) string {
	b := make([]byte, 0, 128)
	b = append(b, "Active UNIX domain sockets "...)
	b = append(b, selectionText(all, listening)...)
	b = append(b, "\nProto RefCnt Flags       Type       State         I-Node  "...)
	if programs {
		b = append(b, " PID/Program name    "...)
	}
	return string(append(b, " Path\n"...))
}

// appendUnixRow writes one UNIX socket row.
func appendUnixRow(b []byte, u *UnixSocket, x *extras) []byte {
	proto := "unix"
	if u.Protocol != 0 {
		proto = "??"
	}
	b = cfmt.AppendLeft(b, proto, 5)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, strconv.FormatInt(int64(u.RefCount), 10), 6)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, u.flagsText(), 11)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, u.typeText(), 10)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, u.stateText(), 13)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, strconv.FormatUint(u.Inode, 10), 8)
	if x.programs {
		b = append(b, ' ')
		b = x.appendProgram(b, u.Inode, 20)
	}
	b = append(b, ' ')
	b = append(b, u.Path...)
	return append(b, '\n')
}
