package names

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// maxHostName is the longest host or network name netstat keeps: it copies
// names into 128-byte buffers.
const maxHostName = 127

// Config tells a Resolver where to find its data.
type Config struct {
	// Etc is the directory holding hosts, networks, services, protocols,
	// passwd and nsswitch.conf. Empty means "/etc".
	Etc string
	// LookupAddr performs a DNS reverse lookup of addr (text form) and
	// returns PTR names, possibly with a trailing dot. Nil means Go's
	// resolver (net.Resolver with PreferGo).
	LookupAddr func(ctx context.Context, addr string) ([]string, error)
	// Timeout bounds each LookupAddr call. Zero means DefaultTimeout.
	Timeout time.Duration
	// Budget bounds the time the Resolver spends waiting for DNS over its
	// whole life (see dnsLimiter); lookups beyond it fail at once. Zero
	// means DefaultBudget.
	Budget time.Duration
	// Parallel bounds the LookupAddr calls in flight at any moment, and is
	// the number of lookups Prefetch runs at once. Zero means
	// DefaultParallel.
	Parallel int
}

// Resolver answers name lookups the way netstat's glibc calls would. Every
// file is read at most once, lazily, on first use, and every answer (hit or
// miss) is cached for the life of the Resolver. It is safe for concurrent
// use; concurrent lookups of the same key share one resolution.
//
// DNS lookups are bounded: each by Config.Timeout, all of them together by
// Config.Budget, and at most Config.Parallel run at once. A lookup cut off
// by either limit is a failed lookup, and netstat prints the number, as it
// does when glibc's lookup fails. Prefetch resolves many addresses
// concurrently ahead of the Host calls that print them.
type Resolver struct {
	etc        string
	lookupAddr func(ctx context.Context, addr string) ([]string, error)
	timeout    time.Duration
	parallel   int
	limit      *dnsLimiter

	nssOnce sync.Once
	nss     *nsswitch

	hostsOnce sync.Once
	hosts     *hostsTable
	netsOnce  sync.Once
	nets      *networksTable
	servOnce  sync.Once
	serv      *serviceTables
	pwOnce    sync.Once
	pw        map[uint32]string

	mu       sync.Mutex
	hostMemo map[netip.Addr]*memo
	netMemo  map[uint32]*memo
	userMemo map[uint32]*memo
}

// memo is one cached answer; done is closed once name and ok are set.
type memo struct {
	done chan struct{}
	name string
	ok   bool
}

// New returns a Resolver for c.
func New(c Config) *Resolver {
	r := &Resolver{
		etc:        c.Etc,
		lookupAddr: c.LookupAddr,
		timeout:    c.Timeout,
		hostMemo:   map[netip.Addr]*memo{},
		netMemo:    map[uint32]*memo{},
		userMemo:   map[uint32]*memo{},
	}
	if r.etc == "" {
		r.etc = "/etc"
	}
	if r.lookupAddr == nil {
		r.lookupAddr = defaultLookupAddr
	}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	budget := c.Budget
	if budget <= 0 {
		budget = DefaultBudget
	}
	r.parallel = c.Parallel
	if r.parallel <= 0 {
		r.parallel = DefaultParallel
	}
	r.limit = newDNSLimiter(r.timeout, budget, r.parallel)
	return r
}

// cached returns the memoised answer for key in m, computing it with f the
// first time. f runs without the lock held.
func cached[K comparable](r *Resolver, m map[K]*memo, key K, f func() (string, bool)) (string, bool) {
	r.mu.Lock()
	e, found := m[key]
	if !found {
		e = &memo{done: make(chan struct{})}
		m[key] = e
	}
	r.mu.Unlock()
	if found {
		<-e.done
		return e.name, e.ok
	}
	e.name, e.ok = f()
	close(e.done)
	return e.name, e.ok
}

// withFile calls parse on the named file under Etc, or on nil when it
// cannot be opened. It reports whether the file was opened.
func (r *Resolver) withFile(name string, parse func(f *os.File)) bool {
	f, err := os.Open(filepath.Join(r.etc, name))
	if err != nil {
		return false
	}
	defer f.Close()
	parse(f)
	return true
}

func (r *Resolver) switchConf() *nsswitch {
	r.nssOnce.Do(func() {
		if !r.withFile("nsswitch.conf", func(f *os.File) { r.nss = parseNsswitch(f) }) {
			r.nss = parseNsswitch(nil)
		}
	})
	return r.nss
}

func (r *Resolver) hostsFile() *hostsTable {
	r.hostsOnce.Do(func() {
		r.withFile("hosts", func(f *os.File) { r.hosts = parseHosts(f) })
	})
	return r.hosts
}

func (r *Resolver) networksFile() *networksTable {
	r.netsOnce.Do(func() {
		r.withFile("networks", func(f *os.File) { r.nets = parseNetworks(f) })
	})
	return r.nets
}

func (r *Resolver) passwdFile() map[uint32]string {
	r.pwOnce.Do(func() {
		r.withFile("passwd", func(f *os.File) { r.pw = parsePasswd(f) })
	})
	return r.pw
}

// truncate cuts s to at most n bytes.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Host returns the name of a host address as netstat finds it (IPv4:
// gethostbyaddr; IPv6: getnameinfo with flags 0), or false.
//
// Sources follow the nsswitch.conf "hosts" line: "files" (see parseHosts)
// and "dns" (Config.LookupAddr; IPv4-mapped and -compatible IPv6 addresses
// are asked about as IPv4, as glibc does); other sources are unavailable.
// An empty name from /etc/hosts is a valid answer. IPv4 names are cut to
// 127 bytes as netstat does; an IPv6 name longer than 127 bytes makes
// getnameinfo fail with EAI_OVERFLOW, so Host reports false and netstat
// prints the number. The unspecified address never has a name. A zone is
// ignored.
func (r *Resolver) Host(a netip.Addr) (string, bool) {
	if !a.IsValid() || a.IsUnspecified() {
		return "", false
	}
	a = a.WithZone("")
	return cached(r, r.hostMemo, a, func() (string, bool) {
		name, ok := r.switchConf().lookup("hosts", func(src string) (string, status) {
			switch src {
			case "files":
				t := r.hostsFile()
				if t == nil {
					return "", statusUnavail
				}
				var n string
				var hit bool
				if a.Is4() {
					n, hit = t.v4[a.As4()]
				} else {
					n, hit = t.v6[a.As16()]
				}
				if !hit {
					return "", statusNotFound
				}
				return n, statusSuccess
			case "dns":
				return r.dnsName(a)
			}
			return "", statusUnavail
		})
		if !ok {
			return "", false
		}
		if a.Is6() && len(name) > maxHostName {
			return "", false
		}
		return truncate(name, maxHostName), true
	})
}

// Network returns the /etc/networks name of an IPv4 network number
// (getnetbyaddr), or false.
//
// The number looked up is a read as a big-endian 32-bit value, which is
// what netstat passes in both uses (ntohl of the address): for a socket
// address 0.0.0.5 that is 5, matched by an /etc/networks entry "0.0.0.5";
// for a route destination 172.16.0.0 it is 0xAC100000, matched by
// "172.16" or "172.16.0.0". See parseNetworks for how entries are read.
// Only the "files" source of the nsswitch.conf "networks" line is
// implemented. Names are cut to 127 bytes. a must be IPv4.
func (r *Resolver) Network(a netip.Addr) (string, bool) {
	if !a.Is4() {
		return "", false
	}
	b := a.As4()
	net := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return cached(r, r.netMemo, net, func() (string, bool) {
		name, ok := r.switchConf().lookup("networks", func(src string) (string, status) {
			if src != "files" {
				return "", statusUnavail
			}
			t := r.networksFile()
			if t == nil {
				return "", statusUnavail
			}
			n, hit := t.byNet[net]
			if !hit {
				return "", statusNotFound
			}
			return n, statusSuccess
		})
		return truncate(name, maxHostName), ok
	})
}

// Service returns the primary service name for port in proto's table:
// "tcp", "udp", or "raw" (raw = /etc/services proto raw entries plus every
// /etc/protocols entry by number, protocols winning); any other proto never
// matches.
//
// The tables are built once, from the "files" sources of the nsswitch.conf
// "services" and "protocols" lines (see parseServices, parseProtocols).
// Names are cut to 63 bytes. netstat prints "*" for port 0 without asking;
// callers must do the same.
func (r *Resolver) Service(port uint16, proto string) (string, bool) {
	r.servOnce.Do(func() {
		t := newServiceTables()
		nss := r.switchConf()
		nss.each("services", func(src string) status {
			if src == "files" && r.withFile("services", func(f *os.File) { parseServices(f, t) }) {
				return statusNotFound
			}
			return statusUnavail
		})
		nss.each("protocols", func(src string) status {
			if src == "files" && r.withFile("protocols", func(f *os.File) { parseProtocols(f, t) }) {
				return statusNotFound
			}
			return statusUnavail
		})
		r.serv = t
	})
	var m map[uint16]string
	switch proto {
	case "tcp":
		m = r.serv.tcp
	case "udp":
		m = r.serv.udp
	case "raw":
		m = r.serv.raw
	default:
		return "", false
	}
	name, ok := m[port]
	if !ok || name == "" {
		return "", false
	}
	return truncate(name, maxServiceName), true
}

// User returns the login name of uid from the passwd database, or false.
//
// Sources follow the nsswitch.conf "passwd" line: "files" and "compat"
// read the passwd file (see parsePasswd); "systemd" supplies nss-systemd's
// synthesised root (0) and nobody (65534), the latter unless
// systemd/dont-synthesize-nobody exists under Etc. Dynamic users and
// userdb records are not consulted.
func (r *Resolver) User(uid uint32) (string, bool) {
	return cached(r, r.userMemo, uid, func() (string, bool) {
		return r.switchConf().lookup("passwd", func(src string) (string, status) {
			switch src {
			case "files", "compat":
				pw := r.passwdFile()
				if pw == nil {
					return "", statusUnavail
				}
				if n, ok := pw[uid]; ok {
					return n, statusSuccess
				}
				return "", statusNotFound
			case "systemd":
				return r.systemdUser(uid)
			}
			return "", statusUnavail
		})
	})
}

// systemdUser is nss-systemd's getpwuid for the synthesised users.
func (r *Resolver) systemdUser(uid uint32) (string, status) {
	switch uid {
	case 0:
		return "root", statusSuccess
	case 65534:
		if _, err := os.Stat(filepath.Join(r.etc, "systemd", "dont-synthesize-nobody")); err == nil {
			return "", statusNotFound
		}
		return "nobody", statusSuccess
	}
	return "", statusNotFound
}
