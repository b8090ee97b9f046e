package tally

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/sockets"
)

// group is one protocol of one family.
type group struct {
	protocol string // tcp, udp, udplite, raw, unix
	family   string // inet, inet6, unix
}

// groupOrder is net-tools' section order.
var groupOrder = []group{
	{"tcp", "inet"}, {"tcp", "inet6"}, {"udp", "inet"}, {"udp", "inet6"},
	{"udplite", "inet"}, {"udplite", "inet6"}, {"raw", "inet"}, {"raw", "inet6"},
	{"unix", "unix"},
}

var protocolNames = map[sockets.Protocol]string{
	sockets.TCP: "tcp", sockets.UDP: "udp", sockets.UDPLite: "udplite", sockets.Raw: "raw",
}

// Summary counts sockets per protocol, family and state (--summary).
type Summary struct {
	states map[group]map[string]int
	total  int
}

// NewSummary returns an empty Summary.
func NewSummary() *Summary { return &Summary{states: map[group]map[string]int{}} }

func (s *Summary) add(g group, state string) {
	m := s.states[g]
	if m == nil {
		m = map[string]int{}
		s.states[g] = m
	}
	m[state]++
	s.total++
}

// AddInet counts an Internet socket.
func (s *Summary) AddInet(sk *sockets.Socket) {
	family := "inet"
	if sk.IPv6Table {
		family = "inet6"
	}
	s.add(group{protocolNames[sk.Protocol], family}, filter.InetState(sk))
}

// AddUnix counts a UNIX socket.
func (s *Summary) AddUnix(u *sockets.UnixSocket) {
	s.add(group{"unix", "unix"}, filter.UnixState(u))
}

// Total is the number of sockets counted.
func (s *Summary) Total() int { return s.total }

// summaryGroup is one protocol of one family in the JSON document.
type summaryGroup struct {
	Protocol string         `json:"protocol"`
	Family   string         `json:"family"`
	Total    int            `json:"total"`
	States   map[string]int `json:"states"`
}

// groups returns the counted groups in net-tools' order.
func (s *Summary) groups() []summaryGroup {
	var out []summaryGroup
	for _, g := range groupOrder {
		m := s.states[g]
		if len(m) == 0 {
			continue
		}
		sg := summaryGroup{Protocol: g.protocol, Family: g.family, States: m}
		for _, n := range m {
			sg.Total += n
		}
		out = append(out, sg)
	}
	return out
}

// WriteText prints the summary: a line saying what was counted, then one
// line per protocol, family and state (largest count first) and a total
// line per protocol and family, in aligned columns.
func (s *Summary) WriteText(w io.Writer, counted string) error {
	t := &table{head: []string{"Proto", "Family", "State", "Count"}, right: 3}
	for _, g := range s.groups() {
		for _, e := range sorted(g.States, 0) {
			t.add(g.Protocol, g.Family, e.Key, fmt.Sprint(e.Count))
		}
		t.add(g.Protocol, g.Family, "total", fmt.Sprint(g.Total))
	}
	if _, err := fmt.Fprintf(w, "Sockets by protocol, family and state: %d counted (%s)\n", s.total, counted); err != nil {
		return err
	}
	return t.write(w)
}

// WriteJSON prints the summary as one JSON document:
//
//	{"version":1,"table":"summary","counted":"...","total":N,
//	 "protocols":[{"protocol":"tcp","family":"inet","total":N,"states":{"LISTEN":N,...}},...]}
func (s *Summary) WriteJSON(w io.Writer, counted string) error {
	doc := struct {
		Version   int            `json:"version"`
		Table     string         `json:"table"`
		Counted   string         `json:"counted"`
		Total     int            `json:"total"`
		Protocols []summaryGroup `json:"protocols"`
	}{Version, "summary", counted, s.total, s.groups()}
	if doc.Protocols == nil {
		doc.Protocols = []summaryGroup{}
	}
	return json.NewEncoder(w).Encode(doc)
}
