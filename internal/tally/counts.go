package tally

import (
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// UserNamer gives the login name of a uid, as the -e column shows it.
type UserNamer interface {
	User(uid uint32) (string, bool)
}

// Counts counts sockets per value of one key (--count=KEY).
type Counts struct {
	key     string
	users   UserNamer
	numeric bool
	m       map[string]int
	total   int
}

// keyTitles are the column titles of the keys.
var keyTitles = map[string]string{
	"state": "State", "lport": "Local port", "raddr": "Remote address",
	"program": "Program", "user": "User",
}

// NewCounts returns empty counts by key, one of cli.CountKeys. users names
// uids for the user key unless numericUsers is set (then the key is the
// uid).
func NewCounts(key string, users UserNamer, numericUsers bool) (*Counts, error) {
	if keyTitles[key] == "" {
		return nil, fmt.Errorf("unknown count key %q", key)
	}
	return &Counts{key: key, users: users, numeric: numericUsers, m: map[string]int{}}, nil
}

// NeedsOwners reports whether the key is read from socket owners.
func (c *Counts) NeedsOwners() bool { return c.key == "program" }

func (c *Counts) add(k string) {
	c.m[k]++
	c.total++
}

// AddInet counts an Internet socket, o being its first owner (owned false
// when it has none or owners were not read).
func (c *Counts) AddInet(sk *sockets.Socket, o owners.Owner, owned bool) {
	switch c.key {
	case "state":
		c.add(filter.InetState(sk))
	case "lport":
		c.add(strconv.Itoa(int(sk.Local.Port())) + "/" + protocolNames[sk.Protocol])
	case "raddr":
		c.add(addrText(sk.Remote.Addr()))
	case "program":
		c.add(programText(o, owned))
	case "user":
		c.add(c.userText(sk.UID))
	}
}

// AddUnix counts a UNIX socket; lport, raddr and user skip it.
func (c *Counts) AddUnix(u *sockets.UnixSocket, o owners.Owner, owned bool) {
	switch c.key {
	case "state":
		c.add(filter.UnixState(u))
	case "program":
		c.add(programText(o, owned))
	}
}

func addrText(a netip.Addr) string {
	if !a.IsValid() || a.IsUnspecified() {
		return "*"
	}
	return a.Unmap().String()
}

func programText(o owners.Owner, owned bool) string {
	if !owned {
		return "-"
	}
	return o.Program
}

func (c *Counts) userText(uid uint32) string {
	if !c.numeric && c.users != nil {
		if name, ok := c.users.User(uid); ok {
			return name
		}
	}
	return strconv.FormatUint(uint64(uid), 10)
}

// Entry is one counted key value.
type Entry struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// sorted returns the entries of m, largest count first, ties in key text
// order; only the first top when top > 0.
func sorted(m map[string]int, top int) []Entry {
	es := make([]Entry, 0, len(m))
	for k, n := range m {
		es = append(es, Entry{k, n})
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].Count != es[j].Count {
			return es[i].Count > es[j].Count
		}
		return es[i].Key < es[j].Key
	})
	if top > 0 && top < len(es) {
		es = es[:top]
	}
	return es
}

// Top returns the counts, largest first, ties broken by key text; only the
// top largest when top > 0.
func (c *Counts) Top(top int) []Entry { return sorted(c.m, top) }

// Total is the number of sockets counted.
func (c *Counts) Total() int { return c.total }

// WriteText prints a line saying what was counted, then the counts as
// "Count  Key" lines, largest first.
func (c *Counts) WriteText(w io.Writer, counted string, top int) error {
	es := c.Top(top)
	head := fmt.Sprintf("Sockets by %s: %d counted, %d distinct (%s)",
		strings.ToLower(keyTitles[c.key]), c.total, len(c.m), counted)
	if top > 0 && top < len(c.m) {
		head += fmt.Sprintf(", the top %d shown", top)
	}
	t := &table{head: []string{"Count", keyTitles[c.key]}, right: 0}
	for _, e := range es {
		t.add(strconv.Itoa(e.Count), e.Key)
	}
	if _, err := fmt.Fprintln(w, head); err != nil {
		return err
	}
	return t.write(w)
}

// WriteJSON prints the counts as one JSON document:
//
//	{"version":1,"table":"counts","key":"lport","counted":"...","total":N,"values":N,"top":N,
//	 "counts":[{"key":"22/tcp","count":N},...]}
//
// "values" is the number of distinct keys, "top" the --top limit (0: none).
func (c *Counts) WriteJSON(w io.Writer, counted string, top int) error {
	doc := struct {
		Version int     `json:"version"`
		Table   string  `json:"table"`
		Key     string  `json:"key"`
		Counted string  `json:"counted"`
		Total   int     `json:"total"`
		Values  int     `json:"values"`
		Top     int     `json:"top"`
		Counts  []Entry `json:"counts"`
	}{Version, "counts", c.key, counted, c.total, len(c.m), top, c.Top(top)}
	return json.NewEncoder(w).Encode(doc)
}
