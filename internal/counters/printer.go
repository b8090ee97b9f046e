package counters

import (
	"bufio"
	"fmt"
)

// printer carries netstat's output state across sections and files: the
// kind of the last known counter decides the indentation of unknown ones
// and whether a histogram title is due.
type printer struct {
	w     *bufio.Writer
	on    [4]bool // indexed by filter
	state kind    // always (the "normal" state), nonzero, inHist or outHist
}

// Histogram titles, printed when a histogram counter follows a counter of
// another kind.
var histTitle = map[kind]string{
	inHist:  "ICMP input histogram:",
	outHist: "ICMP output histogram:",
}

// indent is the current state's indentation.
func (p *printer) indent() string {
	if p.state == inHist || p.state == outHist {
		return "        "
	}
	return "    "
}

// sections prints sections with the given known tables.
func (p *printer) sections(secs []Section, known map[string]*table) {
	for _, s := range secs {
		t, show := p.begin(s.Name, known)
		if !show {
			continue
		}
		for _, c := range s.Counters {
			p.counter(t, c)
		}
	}
}

// begin prints a section title and says whether its counters are shown. A
// known section is titled only when its filter is on, and resets the state;
// an unknown one (nil table) is always titled and keeps the state.
func (p *printer) begin(name string, known map[string]*table) (*table, bool) {
	t, ok := known[name]
	if !ok {
		fmt.Fprintf(p.w, "%s:\n", name)
		return nil, true
	}
	show := p.on[t.filter]
	if show {
		fmt.Fprintf(p.w, "%s:\n", name)
	}
	p.state = always
	return t, show
}

// counter prints one counter of a section with table t (nil if unknown).
func (p *printer) counter(t *table, c Counter) {
	var e entry
	ok := false
	if t != nil {
		e, ok = t.entries[c.Name]
	}
	if !ok {
		if c.Value != 0 {
			fmt.Fprintf(p.w, "%s%s: %d\n", p.indent(), c.Name, c.Value)
		}
		return
	}
	switch e.kind {
	case silent:
		return
	case inHist, outHist:
		if p.state != e.kind {
			fmt.Fprintf(p.w, "%s%s\n", p.indent(), histTitle[e.kind])
		}
		p.state = e.kind
		if c.Value != 0 {
			fmt.Fprintf(p.w, "%s"+e.text+"\n", p.indent(), c.Value)
		}
	case always:
		p.state = always
		fmt.Fprintf(p.w, "%s"+e.text+"\n", p.indent(), c.Value)
	case nonzero:
		p.state = nonzero
		if c.Value != 0 {
			fmt.Fprintf(p.w, "%s"+e.text+"\n", p.indent(), c.Value)
		}
	}
}
