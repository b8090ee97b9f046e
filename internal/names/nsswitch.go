package names

import (
	"bufio"
	"bytes"
	"io"
)

// status is the outcome of one NSS source, as in glibc's enum nss_status.
type status int

const (
	statusSuccess status = iota
	statusNotFound
	statusUnavail
	statusTryAgain
	numStatus
)

// source is one service of an nsswitch.conf line with its reactions:
// ret[s] is true when status s ends the lookup ("return").
type source struct {
	name string
	ret  [numStatus]bool
}

// nsswitch is the parsed /etc/nsswitch.conf.
type nsswitch struct {
	// broken is set when glibc would reject the whole file (a malformed
	// [STATUS=action] item on a known database's line): every lookup then
	// fails, as measured with the reference binary.
	broken bool
	dbs    map[string][]source
}

// knownDBs are the databases glibc 2.36 recognises; lines for other names
// are ignored without being parsed.
var knownDBs = map[string]bool{
	"aliases": true, "ethers": true, "group": true, "group_compat": true,
	"gshadow": true, "hosts": true, "initgroups": true, "netgroup": true,
	"networks": true, "passwd": true, "passwd_compat": true,
	"protocols": true, "publickey": true, "rpc": true, "services": true,
	"shadow": true, "shadow_compat": true,
}

// defaultLines are glibc's built-in configurations (without obsolete NSL)
// for the databases this package uses, applied when nsswitch.conf is
// missing or does not mention them.
var defaultLines = map[string]string{
	"hosts":     "files dns",
	"networks":  "files dns",
	"passwd":    "files",
	"services":  "files",
	"protocols": "files",
}

// parseNsswitch parses nsswitch.conf text the way glibc 2.36 does. A nil
// reader stands for a missing file. The database name is case-sensitive and
// may be followed by blanks and/or ':'. There is no comment syntax: "#"
// lines name no known database, and "# ..." after sources reads as more
// (unknown, hence unavailable) sources. A later line for a database
// replaces an earlier one.
func parseNsswitch(r io.Reader) *nsswitch {
	n := &nsswitch{dbs: map[string][]source{}}
	if r != nil {
		br := bufio.NewReader(r)
		for {
			line, err := br.ReadBytes('\n')
			if len(line) > 0 && !n.parseLine(line) {
				n.broken = true
				return n
			}
			if err != nil {
				break
			}
		}
	}
	for db, def := range defaultLines {
		if _, ok := n.dbs[db]; !ok {
			n.dbs[db], _ = parseSources([]byte(def))
		}
	}
	return n
}

// parseLine handles one line; it returns false on a syntax error that
// makes glibc reject the file.
func (n *nsswitch) parseLine(line []byte) bool {
	if i := bytes.IndexByte(line, 0); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimLeftFunc(line, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
	i := 0
	for i < len(line) && !isSpace(line[i]) && line[i] != ':' {
		i++
	}
	if i == len(line) || i == 0 {
		return true
	}
	name := string(line[:i])
	for i < len(line) && (isSpace(line[i]) || line[i] == ':') {
		i++
	}
	if !knownDBs[name] {
		return true
	}
	srcs, ok := parseSources(line[i:])
	if !ok {
		return false
	}
	n.dbs[name] = srcs
	return true
}

// parseSources parses the service list of a line, with the optional
// "[!STATUS=ACTION ...]" criteria after each service (case-insensitive;
// MERGE acts like CONTINUE for the databases used here).
func parseSources(s []byte) ([]source, bool) {
	var out []source
	i := 0
	skip := func() {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	word := func() []byte {
		st := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != ']' {
			i++
		}
		return s[st:i]
	}
	for {
		skip()
		if i == len(s) {
			return out, true
		}
		st := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '[' {
			i++
		}
		if i == st {
			return out, true
		}
		src := source{name: string(s[st:i])}
		src.ret[statusSuccess] = true
		skip()
		if i < len(s) && s[i] == '[' {
			i++
			skip()
			for {
				not := i < len(s) && s[i] == '!'
				if not {
					i++
				}
				var st status
				switch w := word(); {
				case bytes.EqualFold(w, []byte("SUCCESS")):
					st = statusSuccess
				case bytes.EqualFold(w, []byte("UNAVAIL")):
					st = statusUnavail
				case bytes.EqualFold(w, []byte("NOTFOUND")):
					st = statusNotFound
				case bytes.EqualFold(w, []byte("TRYAGAIN")):
					st = statusTryAgain
				default:
					return nil, false
				}
				skip()
				if i == len(s) || s[i] != '=' {
					return nil, false
				}
				i++
				skip()
				var ret bool
				switch w := word(); {
				case bytes.EqualFold(w, []byte("RETURN")):
					ret = true
				case bytes.EqualFold(w, []byte("CONTINUE")), bytes.EqualFold(w, []byte("MERGE")):
				default:
					return nil, false
				}
				if not {
					keep := src.ret[st]
					for k := range src.ret {
						src.ret[k] = ret
					}
					src.ret[st] = keep
				} else {
					src.ret[st] = ret
				}
				skip()
				if i < len(s) && s[i] == ']' {
					i++
					break
				}
			}
		}
		out = append(out, src)
	}
}

// lookup runs try over the sources configured for db, in order, and
// returns the answer of the last source consulted, as glibc's NSS loop
// does: a source's status either ends the walk ("return") or passes on to
// the next source, and only a final SUCCESS yields a name. try must
// report statusUnavail for sources it does not implement.
func (n *nsswitch) lookup(db string, try func(src string) (string, status)) (string, bool) {
	if n == nil || n.broken {
		return "", false
	}
	name, st := "", statusUnavail
	for _, src := range n.dbs[db] {
		name, st = try(src.name)
		if src.ret[st] {
			break
		}
	}
	return name, st == statusSuccess
}

// each walks the sources of db for an enumeration (getservent-style):
// visit reads a source's entries and reports its final status (NOTFOUND at
// the end of a file, UNAVAIL when it cannot be read or is unknown); the
// walk stops where that status means "return".
func (n *nsswitch) each(db string, visit func(src string) status) {
	if n == nil || n.broken {
		return
	}
	for _, src := range n.dbs[db] {
		if src.ret[visit(src.name)] {
			return
		}
	}
}
