package watch

import (
	"io"
	"time"
)

// Log writes the changes as text lines, one per change, for a pipe or a
// file. Every line starts with an RFC 3339 timestamp (TimeFormat). Fields
// are separated by one space; an empty field is "-", and a field with
// white space or control characters in it is Go-quoted.
//
//	TIME + PROTO LOCAL REMOTE STATE [PID/PROGRAM]      a socket opened
//	TIME - PROTO LOCAL REMOTE STATE [PID/PROGRAM]      a socket closed
//	TIME ~ PROTO LOCAL REMOTE OLD->NEW [PID/PROGRAM]   a socket changed state
//	TIME IFACE COUNTER +DELTA RATE/s ...               an interface's counters moved (-i)
//	TIME COUNTER +DELTA RATE/s                         a statistics counter moved (-s)
//
// A UNIX socket's LOCAL is its path and its REMOTE is "-".
type Log struct {
	W io.Writer
	// Programs adds the PID/Program name field (-p).
	Programs bool

	buf []byte
}

// Sockets writes one line per socket change.
func (l *Log) Sockets(t time.Time, changes []Change) error {
	stamp := t.Format(TimeFormat)
	for i := range changes {
		c := &changes[i]
		s := &c.Socket
		b := append(l.buf[:0], stamp...)
		b = append(b, ' ', byte(c.Kind), ' ')
		b = append(b, field(s.Proto)...)
		b = append(b, ' ')
		b = append(b, field(s.Local)...)
		b = append(b, ' ')
		b = append(b, field(s.Remote)...)
		b = append(b, ' ')
		if c.Kind == Changed {
			b = append(b, field(c.OldState)...)
			b = append(b, "->"...)
		}
		b = append(b, field(s.State)...)
		if l.Programs {
			b = append(b, ' ')
			b = append(b, field(ownerText(s))...)
		}
		if err := l.line(b); err != nil {
			return err
		}
	}
	return nil
}

// Interfaces writes one line per interface whose counters moved, with
// each counter that moved.
func (l *Log) Interfaces(t time.Time, rates []InterfaceRate) error {
	stamp := t.Format(TimeFormat)
	for i := range rates {
		r := &rates[i]
		if !r.Moved() {
			continue
		}
		b := append(l.buf[:0], stamp...)
		b = append(b, ' ')
		b = append(b, field(r.Name)...)
		for c, d := range r.Delta {
			if d == 0 {
				continue
			}
			b = append(b, ' ')
			b = append(b, TrafficNames[c]...)
			b = append(b, ' ')
			b = append(b, deltaText(int64(d))...)
			b = append(b, ' ')
			b = append(b, rateText(r.Rate(c))...)
			b = append(b, "/s"...)
		}
		if err := l.line(b); err != nil {
			return err
		}
	}
	return nil
}

// Counters writes one line per counter that moved.
func (l *Log) Counters(t time.Time, deltas []CounterDelta) error {
	stamp := t.Format(TimeFormat)
	for _, d := range deltas {
		b := append(l.buf[:0], stamp...)
		b = append(b, ' ')
		b = append(b, field(d.Name)...)
		b = append(b, ' ')
		b = append(b, deltaText(d.Delta)...)
		b = append(b, ' ')
		b = append(b, rateText(d.Rate())...)
		b = append(b, "/s"...)
		if err := l.line(b); err != nil {
			return err
		}
	}
	return nil
}

// line writes b and a newline, keeping b's storage for the next line.
func (l *Log) line(b []byte) error {
	b = append(b, '\n')
	l.buf = b
	_, err := l.W.Write(b)
	return err
}
