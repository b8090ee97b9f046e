package routes

import (
	"errors"
	"net/netip"
)

// Route flag bits, as in /proc/net/route, /proc/net/rt_cache and
// /proc/net/ipv6_route.
const (
	FlagUp        = 0x0001
	FlagGateway   = 0x0002
	FlagHost      = 0x0004
	FlagReinstate = 0x0008
	FlagDynamic   = 0x0010
	FlagModified  = 0x0020
	FlagMTU       = 0x0040
	FlagWindow    = 0x0080
	FlagIRTT      = 0x0100
	FlagReject    = 0x0200
	FlagNotCached = 0x0400
	FlagDefault   = 0x00010000
	FlagAllOnLink = 0x00020000
	FlagAddrConf  = 0x00040000
	FlagNoNextHop = 0x00200000
	FlagExpires   = 0x00400000
	FlagCache     = 0x01000000
	FlagFlow      = 0x02000000
	FlagPolicy    = 0x04000000
	FlagLocal     = 0x80000000
)

// Route is one row of the IPv4 FIB (/proc/net/route) as netstat takes it
// in: addresses are IPv4, numbers are the C int values it scanned.
type Route struct {
	Iface   string
	Dest    netip.Addr
	Gateway netip.Addr
	Mask    netip.Addr
	Flags   uint32
	RefCnt  int32
	Use     int32
	Metric  int32
	MTU     int32 // shown as MSS
	Window  int32
	IRTT    int32
}

// CacheRoute is one row of the IPv4 routing cache (/proc/net/rt_cache).
// TOS, HHRef, HHUptod and SpecDst belong to the Linux 2.2 layout; HH and ARP
// to the 2.0 layout.
type CacheRoute struct {
	Iface   string
	Dest    netip.Addr
	Gateway netip.Addr
	Source  netip.Addr
	SpecDst netip.Addr
	Flags   uint32
	RefCnt  int32
	Use     int32
	Metric  int32
	MTU     int32
	Window  int32
	IRTT    int32
	TOS     int32
	HHRef   int32
	HHUptod int32
	HH      int32
	ARP     int32
}

// Cache layouts: the bit mask of header words net-tools looks for in the
// first line of /proc/net/rt_cache (IRTT 1, TOS 2, HHRef 4, HHUptod 8,
// SpecDst 16, HH 32, ARP 64).
const (
	CacheLayout22 = 63 // Linux 2.2 and later
	CacheLayout20 = 97 // Linux 2.0
)

// Cache is the IPv4 routing cache: the header layout and the rows.
type Cache struct {
	// Layout is the header bit mask (see CacheLayout22); rows are only
	// read for the two known layouts.
	Layout int
	Rows   []CacheRoute
}

// Route6 is one row of /proc/net/ipv6_route. Dest and NextHop are IPv6
// addresses; Metric, RefCnt and Use are the hex values read into C ints
// (a metric of 0xffffffff is -1).
type Route6 struct {
	Dest      netip.Addr
	PrefixLen int32
	NextHop   netip.Addr
	Metric    int32
	RefCnt    int32
	Use       int32
	Flags     uint32
	Iface     string
}

// MissingFieldError says that a table's header line lacks a column that
// net-tools requires (the columns must also come in net-tools' order).
type MissingFieldError struct {
	Field string
}

func (e *MissingFieldError) Error() string {
	return "routes: table does not contain required field " + e.Field
}

// ErrNoHeader says that a table has no header line at all (an empty file).
var ErrNoHeader = errors.New("routes: table has no header line")
