package filter

import (
	"fmt"
	"strings"

	"github.com/gonetstat/netstat/internal/sockets"
)

// stateSet is what --state allows: kernel state bits for Internet rows and
// unixKind bits for UNIX rows.
type stateSet struct {
	inet uint32
	unix uint32
}

// unixKind is the State column of a UNIX row.
type unixKind uint8

const (
	unixFree unixKind = iota
	unixClose
	unixConnecting
	unixConnected
	unixDisconnecting
	unixListening
	unixUnknown
)

// unixKindNames are the words counts use for UNIX states, by unixKind.
var unixKindNames = [...]string{
	unixFree:          "FREE",
	unixClose:         "CLOSE",
	unixConnecting:    "CONNECTING",
	unixConnected:     "CONNECTED",
	unixDisconnecting: "DISCONNECTING",
	unixListening:     "LISTEN",
	unixUnknown:       "UNKNOWN",
}

func bit(n uint8) uint32 { return 1 << n }

// connectedStates is ss's "connected" group: every state but LISTEN,
// CLOSE, TIME_WAIT and SYN_RECV.
var connectedStates = bit(sockets.Established) | bit(sockets.SynSent) | bit(sockets.FinWait1) |
	bit(sockets.FinWait2) | bit(sockets.CloseWait) | bit(sockets.LastAck) | bit(sockets.Closing)

// stateWords maps each --state word (upper case, '_' for '-') to the states
// it selects.
var stateWords = map[string]stateSet{
	"ESTABLISHED":   {inet: bit(sockets.Established)},
	"SYN_SENT":      {inet: bit(sockets.SynSent)},
	"SYN_RECV":      {inet: bit(sockets.SynRecv)},
	"FIN_WAIT1":     {inet: bit(sockets.FinWait1)},
	"FIN_WAIT2":     {inet: bit(sockets.FinWait2)},
	"TIME_WAIT":     {inet: bit(sockets.TimeWait)},
	"CLOSE":         {inet: bit(sockets.Close), unix: 1 << unixClose},
	"CLOSE_WAIT":    {inet: bit(sockets.CloseWait)},
	"LAST_ACK":      {inet: bit(sockets.LastAck)},
	"LISTEN":        {inet: bit(sockets.Listen), unix: 1 << unixListening},
	"LISTENING":     {inet: bit(sockets.Listen), unix: 1 << unixListening},
	"CLOSING":       {inet: bit(sockets.Closing)},
	"CONNECTED":     {inet: connectedStates, unix: 1 << unixConnected},
	"SYNCHRONIZED":  {inet: connectedStates &^ bit(sockets.SynSent), unix: 1 << unixConnected},
	"CONNECTING":    {unix: 1 << unixConnecting},
	"DISCONNECTING": {unix: 1 << unixDisconnecting},
	"FREE":          {unix: 1 << unixFree},
}

// stateHelp lists the accepted words in error messages.
const stateHelp = "want LISTEN, ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, " +
	"TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING, connected, synchronized; " +
	"for UNIX also CONNECTING, DISCONNECTING, FREE"

// parseStates reads a --state list.
func parseStates(arg string) (*stateSet, error) {
	items, err := splitList(arg)
	if err != nil {
		return nil, err
	}
	set := &stateSet{}
	for _, it := range items {
		word := stateWord(it)
		s, ok := stateWords[word]
		if !ok {
			if len(items) == 1 {
				return nil, fmt.Errorf("unknown state (%s)", stateHelp)
			}
			return nil, fmt.Errorf("unknown state '%s' (%s)", it, stateHelp)
		}
		set.inet |= s.inet
		set.unix |= s.unix
	}
	return set, nil
}

// stateWord is a --state item as stateWords spells it: blanks around it
// dropped, '-' as '_', and ASCII letters in upper case. Only ASCII is
// folded, as strcasecmp does: strings.ToUpper would also turn 'ſ' and 'ı'
// into 'S' and 'I'.
func stateWord(item string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-':
			return '_'
		case 'a' <= r && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, strings.TrimSpace(item))
}

// kindOf returns the State column of a UNIX row as a unixKind.
func kindOf(u *sockets.UnixSocket) unixKind {
	switch u.State {
	case 0:
		return unixFree
	case 1:
		if u.Flags&sockets.UnixAccept != 0 {
			return unixListening
		}
		return unixClose
	case 2:
		return unixConnecting
	case 3:
		return unixConnected
	case 4:
		return unixDisconnecting
	}
	return unixUnknown
}

// InetState returns the state word of an Internet row, the one --state
// selects it with: the TCP state name of its kernel state number, for
// every protocol (a connected UDP socket is ESTABLISHED, an unconnected one
// CLOSE), or UNKNOWN.
func InetState(s *sockets.Socket) string {
	if name, ok := sockets.TCPStateName(int(s.State)); ok && name != "" {
		return name
	}
	return "UNKNOWN"
}

// UnixState returns the state word of a UNIX row, the one --state selects
// it with: LISTEN, CONNECTED, CONNECTING, DISCONNECTING, FREE, CLOSE (the
// blank state) or UNKNOWN.
func UnixState(u *sockets.UnixSocket) string {
	return unixKindNames[kindOf(u)]
}
