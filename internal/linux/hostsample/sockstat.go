package hostsample

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// readSockstat reads ROOT/net/sockstat.
func (s *Sampler) readSockstat() (map[string]map[string]int64, error) {
	f, err := os.Open(filepath.Join(s.root, "net", "sockstat"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseSockstat(f)
}

// ParseSockstat reads /proc/net/sockstat text: lines of a section name,
// a colon and key-value pairs ("TCP: inuse 3 orphan 0 tw 1 alloc 5 mem
// 2"). It returns section → key → value. A value that is not a number
// is left out.
func ParseSockstat(r io.Reader) (map[string]map[string]int64, error) {
	out := make(map[string]map[string]int64)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		section := out[name]
		if section == nil {
			section = make(map[string]int64)
			out[name] = section
		}
		for i := 0; i+1 < len(fields); i += 2 {
			if v, err := strconv.ParseInt(fields[i+1], 10, 64); err == nil {
				section[fields[i]] = v
			}
		}
	}
	return out, sc.Err()
}
