package watch

import (
	"strconv"
	"strings"
	"time"

	"github.com/gonetstat/netstat/internal/cfmt"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Refresh is what every frame's status line tells: when the reading was
// taken and how often the view refreshes.
type Refresh struct {
	Time     time.Time
	Interval time.Duration
}

// status starts a status line.
func (r Refresh) status() string {
	return "netstat --watch every " + secondsText(r.Interval) + "s | " + r.Time.Format("2006-01-02 15:04:05")
}

// statusEnd ends a status line.
const statusEnd = " | Ctrl-C quits"

// SocketView is one refresh of the socket listing.
type SocketView struct {
	Refresh
	// Cur is the listing now; Changes is Diff(previous, Cur).
	Cur     []Socket
	Changes []Change
	// Inet and Unix say which sections are shown.
	Inet, Unix bool
	// All and Listening are -a and -l, for the section titles.
	All, Listening bool
	// Programs adds the PID/Program name column (-p).
	Programs bool
}

// SocketFrame lays out a socket listing refresh: net-tools' section titles
// and column headers, the rows now, the new ones marked '+', those that
// changed state '~', and after them the rows that closed since the last
// refresh, marked '-' (shown once).
func SocketFrame(v *SocketView) *Frame {
	marks := make(map[key]Kind)
	var opened, changed, closed int
	for _, c := range v.Changes {
		switch c.Kind {
		case Opened:
			opened++
		case Changed:
			changed++
		case Closed:
			closed++
			continue
		}
		marks[c.Socket.key()] = c.Kind
	}
	f := &Frame{}
	section := func(unix bool) {
		f.Lines = append(f.Lines, sectionHeader(unix, v.All, v.Listening, v.Programs)...)
		for i := range v.Cur {
			s := &v.Cur[i]
			if (s.Proto == "unix") == unix {
				f.Lines = append(f.Lines, Line{Mark: marks[s.key()], Text: rowText(s, v.Programs)})
			}
		}
		for i := range v.Changes {
			c := &v.Changes[i]
			if c.Kind == Closed && (c.Socket.Proto == "unix") == unix {
				f.Lines = append(f.Lines, Line{Mark: Closed, Text: rowText(&c.Socket, v.Programs)})
			}
		}
	}
	if v.Inet {
		section(false)
	}
	if v.Unix {
		section(true)
	}
	f.Status = v.status() + " | " + strconv.Itoa(len(v.Cur)) + " sockets | +" + strconv.Itoa(opened) +
		" opened ~" + strconv.Itoa(changed) + " changed -" + strconv.Itoa(closed) + " closed" + statusEnd
	return f
}

// sectionHeader is the title and column header of a section.
func sectionHeader(unix, all, listening, programs bool) []Line {
	var title, cols string
	if unix {
		title = "Active UNIX domain sockets " + sockets.SelectionText(all, listening)
		cols = "Proto Type       State         I-Node  "
		if programs {
			cols += " PID/Program name    "
		}
		cols += " Path"
	} else {
		title = "Active Internet connections " + sockets.SelectionText(all, listening)
		cols = "Proto Recv-Q Send-Q Local Address           Foreign Address         State      "
		if programs {
			cols += " PID/Program name"
		}
	}
	return []Line{{Header: true, Text: title}, {Header: true, Text: cols}}
}

// rowText writes a socket row in net-tools' column layout.
func rowText(s *Socket, programs bool) string {
	b := make([]byte, 0, 128)
	if s.Proto == "unix" {
		b = cfmt.AppendLeft(b, s.Proto, 5)
		b = append(b, ' ')
		b = cfmt.AppendLeft(b, s.Type, 10)
		b = append(b, ' ')
		b = cfmt.AppendLeft(b, s.State, 13)
		b = append(b, ' ')
		b = cfmt.AppendLeft(b, strconv.FormatUint(s.Inode, 10), 8)
		if programs {
			b = append(b, ' ')
			b = cfmt.AppendLeft(b, ownerText(s), 20)
		}
		b = append(b, ' ')
		b = append(b, s.Local...)
		return string(b)
	}
	b = cfmt.AppendLeft(b, s.Proto, 5)
	b = append(b, ' ')
	b = cfmt.AppendRight(b, strconv.FormatUint(s.RecvQ, 10), 6)
	b = append(b, ' ')
	b = cfmt.AppendRight(b, strconv.FormatUint(s.SendQ, 10), 6)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, s.Local, 23)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, s.Remote, 23)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, s.State, 11)
	if programs {
		b = append(b, ' ')
		b = append(b, ownerText(s)...)
	}
	return strings.TrimRight(string(b), " ")
}

// InterfaceView is one refresh of the interface rates (-i).
type InterfaceView struct {
	Refresh
	// Rates is nil until two readings were taken.
	Rates []InterfaceRate
}

// interfaceColumns is the header of the interface rates.
const interfaceColumns = "Iface              RX-OK/s    RX-B/s RX-ERR/s RX-DRP/s   TX-OK/s    TX-B/s TX-ERR/s TX-DRP/s"

// InterfaceFrame lays out the interface rates, one row per interface, an
// interface new since the last refresh marked '+'.
func InterfaceFrame(v *InterfaceView) *Frame {
	f := &Frame{Lines: []Line{
		{Header: true, Text: "Kernel Interface rates (per second)"},
		{Header: true, Text: interfaceColumns},
	}}
	widths := [trafficColumns]int{9, 9, 8, 8, 9, 9, 8, 8}
	for i := range v.Rates {
		r := &v.Rates[i]
		b := cfmt.AppendLeft(make([]byte, 0, 100), r.Name, 16)
		for c := range r.Delta {
			b = append(b, ' ')
			b = cfmt.AppendRight(b, rateText(r.Rate(c)), widths[c])
		}
		ln := Line{Text: string(b)}
		if r.Appeared {
			ln.Mark = Opened
		}
		f.Lines = append(f.Lines, ln)
	}
	f.Status = v.status()
	if v.Rates == nil {
		f.Status += " | measuring the first interval"
	} else {
		f.Status += " | " + strconv.Itoa(len(v.Rates)) + " interfaces"
	}
	f.Status += statusEnd
	return f
}

// CounterView is one refresh of the statistics (-s).
type CounterView struct {
	Refresh
	// Deltas are the counters that moved; First is set before the second
	// reading, when nothing can have moved yet.
	Deltas []CounterDelta
	First  bool
}

// CounterFrame lays out the counters that moved since the last refresh,
// with their change and rate.
func CounterFrame(v *CounterView) *Frame {
	f := &Frame{Lines: []Line{
		{Header: true, Text: "Counters that changed since the last refresh"},
		{Header: true, Text: "Counter                                  Delta         Rate/s           Value"},
	}}
	for _, d := range v.Deltas {
		b := cfmt.AppendLeft(make([]byte, 0, 100), d.Name, 32)
		b = append(b, ' ')
		b = cfmt.AppendRight(b, deltaText(d.Delta), 13)
		b = append(b, ' ')
		b = cfmt.AppendRight(b, rateText(d.Rate()), 14)
		b = append(b, ' ')
		b = cfmt.AppendRight(b, strconv.FormatUint(d.Value, 10), 15)
		f.Lines = append(f.Lines, Line{Text: string(b)})
	}
	f.Status = v.status()
	if v.First {
		f.Status += " | measuring the first interval"
	} else {
		f.Status += " | " + strconv.Itoa(len(v.Deltas)) + " counters changed"
	}
	f.Status += statusEnd
	return f
}
