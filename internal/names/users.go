package names

import "io"

func isColon(c byte) bool { return c == ':' }

// parsePasswd reads a passwd file with glibc 2.36 nss_files rules and maps
// each uid to the login name of its first entry.
//
// Lines are "name:passwd:uid:gid:..." with decimal uid and gid (strtoul,
// so leading blanks and a sign are accepted; values above 0xffffffff make
// the line invalid) and at least the gid present. There is no comment
// syntax beyond lines starting with '#'. Entries whose name starts with
// '+' or '-' (NIS compat markers) never match getpwuid. The name may be
// empty.
func parsePasswd(r io.Reader) map[uint32]string {
	m := map[uint32]string{}
	forEachLine(r, func(line []byte) {
		line = cutAt(line, "")
		name, rest := field(line, isColon, false)
		if len(name) > 0 && (name[0] == '+' || name[0] == '-') {
			return
		}
		_, rest = field(rest, isColon, false)
		uid, rest, ok := intField(rest, isColon, false, 10)
		if !ok {
			return
		}
		if _, _, ok := intField(rest, isColon, false, 10); !ok {
			return
		}
		if _, dup := m[uid]; !dup {
			m[uid] = string(name)
		}
	})
	return m
}
