package sockets

import (
	"strconv"
)

// timerText returns the -o column for an Internet socket (spec §2.9).
func timerText(s *Socket) string {
	b := make([]byte, 0, 40)
	retr := s.Retransmits
	switch s.Protocol {
	case TCP:
		switch s.TimerKind {
		case 0:
			b = append(b, "off (0.00"...)
			return string(timerTail(b, retr, s.Timeout))
		case 1:
			b = append(b, "on ("...)
		case 2:
			b = append(b, "keepalive ("...)
		case 3:
			b = append(b, "timewait ("...)
		case 4:
			b = append(b, "probe ("...)
		default:
			b = append(b, "unkn-"...)
			b = strconv.AppendUint(b, uint64(s.TimerKind), 10)
			b = append(b, " ("...)
		}
	default:
		if s.Protocol != Raw {
			retr = 0 // net-tools never prints the UDP retransmit count
		}
		switch s.TimerKind {
		case 0:
			b = append(b, "off (0.00"...)
			return string(timerTail(b, retr, s.Timeout))
		case 1, 2:
			b = append(b, "on"...)
		default:
			b = append(b, "unkn-"...)
		}
		b = strconv.AppendUint(b, uint64(s.TimerKind), 10)
		b = append(b, " ("...)
	}
	b = appendTicks(b, s.TimerTicks)
	return string(timerTail(b, retr, s.Timeout))
}

// appendTicks writes a clock-tick count (USER_HZ = 100) as seconds with two
// decimals, the way printf("%2.2f", ticks/100.0) does for exact hundredths.
func appendTicks(b []byte, ticks uint64) []byte {
	b = strconv.AppendUint(b, ticks/100, 10)
	b = append(b, '.', byte('0'+ticks%100/10), byte('0'+ticks%10))
	return b
}

func timerTail(b []byte, retr, timeout uint64) []byte {
	b = append(b, '/')
	b = strconv.AppendUint(b, retr, 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(int32(timeout)), 10)
	return append(b, ')')
}
