package filter

import (
	"errors"
	"strconv"
	"strings"
)

// parsePIDs reads a --pid list.
func parsePIDs(arg string) (map[int]bool, error) {
	items, err := splitList(arg)
	if err != nil {
		return nil, err
	}
	m := make(map[int]bool, len(items))
	for _, it := range items {
		it = strings.TrimSpace(it)
		n, err := strconv.Atoi(it)
		if err != nil || n < 1 || strings.TrimLeft(it, "0123456789") != "" {
			return nil, errors.New("want process ids (whole numbers from 1)")
		}
		m[n] = true
	}
	return m, nil
}

// userList is what --user allows: uids given as numbers and login names.
type userList struct {
	uids  map[uint32]bool
	names map[string]bool
	// namer gives a socket uid's login name, for the names.
	namer UserNamer
}

// parseUsers reads a --user list: an item of digits is a uid, anything
// else a login name.
func parseUsers(arg string, namer UserNamer) (*userList, error) {
	items, err := splitList(arg)
	if err != nil {
		return nil, err
	}
	l := &userList{uids: map[uint32]bool{}, names: map[string]bool{}, namer: namer}
	for _, it := range items {
		it = strings.TrimSpace(it) // "root, nobody", as the other lists allow
		if strings.TrimLeft(it, "0123456789") == "" {
			n, err := strconv.ParseUint(it, 10, 32)
			if err != nil {
				return nil, errors.New("a uid must be below 4294967296")
			}
			l.uids[uint32(n)] = true
			continue
		}
		if strings.ContainsAny(it, ": \t\n") {
			return nil, errors.New("want login names or numeric uids")
		}
		l.names[it] = true
	}
	return l, nil
}

// has reports whether uid is one of the users.
func (l *userList) has(uid uint32) bool {
	if l.uids[uid] {
		return true
	}
	if len(l.names) == 0 {
		return false
	}
	name, ok := l.namer.User(uid)
	return ok && l.names[name]
}
