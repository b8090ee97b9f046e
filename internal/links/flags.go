package links

import (
	"strconv"
	"strings"
)

// shortFlags is the Flg column: one letter per flag, in net-tools' order
// (note that PROMISC and POINTOPOINT share the letter P).
func shortFlags(f uint16) string {
	if f == 0 {
		return "[NO FLAGS]"
	}
	letters := [...]struct {
		bit    uint16
		letter byte
	}{
		{FlagAllMulti, 'A'}, {FlagBroadcast, 'B'}, {FlagDebug, 'D'},
		{FlagLoopback, 'L'}, {FlagMulticast, 'M'}, {FlagDynamic, 'd'},
		{FlagPromisc, 'P'}, {FlagNoTrailers, 'N'}, {FlagNoARP, 'O'},
		{FlagPointToPt, 'P'}, {FlagSlave, 's'}, {FlagMaster, 'm'},
		{FlagRunning, 'R'}, {FlagUp, 'U'},
	}
	var b []byte
	for _, l := range letters {
		if f&l.bit != 0 {
			b = append(b, l.letter)
		}
	}
	return string(b)
}

// longFlags is "flags=N<NAME,...>" of the long format. N is the flags as a
// signed short. With no flags at all net-tools cuts its own closing '>'
// and prints "flags=0<".
func longFlags(f uint16) string {
	names := [...]struct {
		bit  uint16
		name string
	}{
		{FlagUp, "UP"}, {FlagBroadcast, "BROADCAST"}, {FlagDebug, "DEBUG"},
		{FlagLoopback, "LOOPBACK"}, {FlagPointToPt, "POINTOPOINT"},
		{FlagNoTrailers, "NOTRAILERS"}, {FlagRunning, "RUNNING"},
		{FlagNoARP, "NOARP"}, {FlagPromisc, "PROMISC"},
		{FlagAllMulti, "ALLMULTI"}, {FlagSlave, "SLAVE"},
		{FlagMaster, "MASTER"}, {FlagMulticast, "MULTICAST"},
		{FlagDynamic, "DYNAMIC"},
	}
	var sb strings.Builder
	sb.WriteString("flags=")
	sb.WriteString(strconv.Itoa(int(int16(f))))
	sb.WriteByte('<')
	if f == 0 {
		return sb.String()
	}
	var set []string
	for _, n := range names {
		if f&n.bit != 0 {
			set = append(set, n.name)
		}
	}
	if len(set) == 0 {
		// Only PORTSEL/AUTOMEDIA: the lone '<' is cut as well.
		return sb.String()[:sb.Len()-1]
	}
	sb.WriteString(strings.Join(set, ","))
	sb.WriteByte('>')
	return sb.String()
}

// scopeTag is the "<link>" style suffix of an inet6 line.
func scopeTag(scope uint32) string {
	var set []string
	if scope&0x80 != 0 {
		set = append(set, "compat")
		scope -= 0x80
	}
	if scope == 0 {
		set = append(set, "global")
	}
	if scope&0x20 != 0 {
		set = append(set, "link")
	}
	if scope&0x40 != 0 {
		set = append(set, "site")
	}
	if scope&0x10 != 0 {
		set = append(set, "host")
	}
	if len(set) == 0 {
		return ""
	}
	return "<" + strings.Join(set, ",") + ">"
}
