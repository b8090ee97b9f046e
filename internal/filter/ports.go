package filter

import (
	"errors"
	"strconv"
	"strings"
)

// portRange is an inclusive range of ports.
type portRange struct{ lo, hi uint16 }

// portList is the ranges of one port option; nil when not given.
type portList []portRange

// has reports whether port is in one of the ranges.
func (l portList) has(port uint16) bool {
	for _, r := range l {
		if port >= r.lo && port <= r.hi {
			return true
		}
	}
	return false
}

var errPorts = errors.New("want port numbers from 0 to 65535 or ranges such as 80,443,8000-8080")

// parsePorts reads a list of ports and ranges.
func parsePorts(arg string) (portList, error) {
	items, err := splitList(arg)
	if err != nil {
		return nil, err
	}
	l := make(portList, 0, len(items))
	for _, it := range items {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(it), "-")
		if !isRange {
			hi = lo
		}
		a, errA := parsePort(lo)
		b, errB := parsePort(hi)
		if errA != nil || errB != nil {
			return nil, errPorts
		}
		if a > b {
			return nil, errors.New("a port range must go from low to high")
		}
		l = append(l, portRange{a, b})
	}
	return l, nil
}

// parsePort reads one decimal port number.
func parsePort(s string) (uint16, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, errPorts
	}
	n, err := strconv.ParseUint(s, 10, 16)
	return uint16(n), err
}
