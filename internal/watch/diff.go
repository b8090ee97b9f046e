package watch

// Kind is what happened to a socket between two readings, written as the
// mark the views show.
type Kind byte

// The kinds of change.
const (
	Opened  Kind = '+' // the socket is new
	Closed  Kind = '-' // the socket is gone
	Changed Kind = '~' // same socket, another state
)

// Word is the kind in words, as the JSON output names it.
func (k Kind) Word() string {
	switch k {
	case Opened:
		return "opened"
	case Closed:
		return "closed"
	case Changed:
		return "state"
	}
	return ""
}

// Change is one socket that opened, closed or changed state.
type Change struct {
	Kind Kind
	// Socket is the socket as now (as last seen for Closed).
	Socket Socket
	// OldState is the state before, for Changed.
	OldState string
}

// Diff compares two readings of the socket listing. A socket is the same
// from one reading to the next when its protocol and family, local and
// remote addresses and inode are; the same socket in another state is a
// Changed. Closed sockets come first, in the order of prev, then the new
// and changed ones in the order of cur.
func Diff(prev, cur []Socket) []Change {
	// chains maps a key to the unmatched sockets of prev with that key,
	// as the first and last of a list linked through next (rows in
	// TIME_WAIT have no inode and may repeat).
	type chain struct{ first, last int }
	chains := make(map[key]chain, len(prev))
	next := make([]int, len(prev))
	for i := range prev {
		k := prev[i].key()
		next[i] = -1
		if c, ok := chains[k]; ok {
			next[c.last] = i
			chains[k] = chain{c.first, i}
		} else {
			chains[k] = chain{i, i}
		}
	}
	matched := make([]bool, len(prev))
	var later []Change
	for i := range cur {
		k := cur[i].key()
		c, ok := chains[k]
		if !ok {
			later = append(later, Change{Kind: Opened, Socket: cur[i]})
			continue
		}
		j := c.first
		if next[j] >= 0 {
			chains[k] = chain{next[j], c.last}
		} else {
			delete(chains, k)
		}
		matched[j] = true
		if prev[j].State != cur[i].State {
			later = append(later, Change{Kind: Changed, Socket: cur[i], OldState: prev[j].State})
		}
	}
	var changes []Change
	for j := range prev {
		if !matched[j] {
			changes = append(changes, Change{Kind: Closed, Socket: prev[j]})
		}
	}
	return append(changes, later...)
}
