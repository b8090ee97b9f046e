package watch

import (
	"reflect"
	"testing"

	"github.com/gonetstat/netstat/internal/counters"
)

func TestCounterNames(t *testing.T) {
	snmp := []counters.Section{
		{Name: "Tcp", Counters: []counters.Counter{{Name: "ActiveOpens", Value: 5}, {Name: "MaxConn", Value: ^uint64(0)}}},
	}
	ext := []counters.Section{{Name: "TcpExt", Counters: []counters.Counter{{Name: "ListenDrops", Value: 2}}}}
	snmp6 := []counters.Section{{Name: "Ip6", Counters: []counters.Counter{{Name: "Ip6InReceives", Value: 9}}}}
	sctp := []counters.Counter{{Name: "SctpCurrEstab", Value: 1}}
	got := Plain(Qualified(Qualified(nil, snmp), ext), snmp6, sctp)
	want := []Counter{
		{"TcpActiveOpens", 5}, {"TcpMaxConn", ^uint64(0)}, {"TcpExtListenDrops", 2},
		{"Ip6InReceives", 9}, {"SctpCurrEstab", 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestDeltas(t *testing.T) {
	prev := []Counter{{"IpInReceives", 100}, {"TcpCurrEstab", 5}, {"TcpExtListenDrops", 7}, {"Gone", 1}}
	cur := []Counter{{"IpInReceives", 130}, {"TcpCurrEstab", 3}, {"TcpExtListenDrops", 7}, {"UdpNew", 4}}
	got := Deltas(prev, cur, 1.5)
	want := []CounterDelta{
		{Name: "IpInReceives", Value: 130, Delta: 30, Seconds: 1.5},
		{Name: "TcpCurrEstab", Value: 3, Delta: -2, Seconds: 1.5},
		{Name: "UdpNew", Value: 4, Delta: 4, Seconds: 1.5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if r := got[0].Rate(); r != 20 {
		t.Errorf("rate of 30 in 1.5s = %v", r)
	}
	if r := (CounterDelta{Delta: 3}).Rate(); r != 0 {
		t.Errorf("rate over no time = %v, want 0", r)
	}
	if d := Deltas(cur, cur, 1); d != nil {
		t.Errorf("no change gave %v", d)
	}
}

func TestRates(t *testing.T) {
	prev := []Interface{
		{Name: "lo", Counts: Traffic{RxPackets: 10, RxBytes: 1000, TxPackets: 10, TxBytes: 1000}},
		{Name: "eth0", Counts: Traffic{RxPackets: 500, RxErrors: 4}},
		{Name: "old", Counts: Traffic{RxPackets: 1}},
	}
	cur := []Interface{
		{Name: "eth0", Counts: Traffic{RxPackets: 20, RxErrors: 6}}, // made again: packets went down
		{Name: "lo", Counts: Traffic{RxPackets: 30, RxBytes: 2680, TxPackets: 30, TxBytes: 2680, TxDrops: 1}},
		{Name: "veth0", Counts: Traffic{TxPackets: 2}},
	}
	got := Rates(prev, cur, 2)
	want := []InterfaceRate{
		{Name: "eth0", Seconds: 2, Delta: Traffic{RxPackets: 20, RxErrors: 2}},
		{Name: "lo", Seconds: 2, Delta: Traffic{RxPackets: 20, RxBytes: 1680, TxPackets: 20, TxBytes: 1680, TxDrops: 1}},
		{Name: "veth0", Seconds: 2, Delta: Traffic{TxPackets: 2}, Appeared: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if r := got[1].Rate(RxBytes); r != 840 {
		t.Errorf("lo rx bytes/s = %v, want 840", r)
	}
	if !got[2].Moved() || (&InterfaceRate{Name: "x"}).Moved() {
		t.Errorf("Moved is wrong")
	}
}
