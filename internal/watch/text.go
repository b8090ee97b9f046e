package watch

import (
	"strconv"
	"strings"
	"time"
)

// TimeFormat is the RFC 3339 timestamp of the line and JSON outputs, to
// the millisecond.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// rateText writes a per-second rate with one decimal.
func rateText(r float64) string { return strconv.FormatFloat(r, 'f', 1, 64) }

// deltaText writes a signed change with its sign.
func deltaText(d int64) string {
	if d >= 0 {
		return "+" + strconv.FormatInt(d, 10)
	}
	return strconv.FormatInt(d, 10)
}

// ownerText is the PID/Program name column: "-" when unknown.
func ownerText(s *Socket) string {
	if !s.Owned() {
		return "-"
	}
	return strconv.Itoa(s.PID) + "/" + s.Program
}

// field writes s as one space-separated field of a line: "-" when empty,
// Go-quoted when it holds white space, quotes, control characters or
// invalid UTF-8 (a UNIX path may hold any of them), as is otherwise.
func field(s string) string {
	if s == "" {
		return "-"
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r == '"' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0xfffd
	}) {
		return strconv.Quote(s)
	}
	return s
}

// secondsText writes an interval in seconds, as short as exact to the
// millisecond ("1", "0.5", "2.25").
func secondsText(d time.Duration) string {
	return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64)
}
