// Package names turns numbers into the names netstat prints: host and
// network names for addresses, service names for ports, and login names
// for user ids.
//
// It reproduces what net-tools netstat gets from glibc 2.36 (gethostbyaddr,
// getnameinfo, getnetbyaddr, getservent, getprotoent, getpwuid) without
// calling glibc: the files under Config.Etc are parsed here with glibc's
// own quirks, /etc/nsswitch.conf decides the order of the sources, and DNS
// reverse lookups go through one small injectable function.
//
// A missing or unreadable file simply contributes no names.
//
// Unlike glibc, DNS cannot hold the caller up for long: every lookup has a
// deadline, all of them together a budget, and only so many run at once
// (see Config and limit.go). Prefetch resolves a whole table's addresses
// concurrently before its rows are printed.
package names
