package main

import (
	"fmt"
	"os"

	"github.com/gonetstat/netstat/internal/linux/hostsample"
	"github.com/gonetstat/netstat/internal/linux/netns"
	"github.com/gonetstat/netstat/internal/snapshot"
)

// mainThread takes the samples of other network namespaces on the main
// thread. setns moves only the calling thread, and /proc/self/net (which
// the readers open as /proc/net) follows the thread group leader, that is
// the main thread: so the main goroutine, locked to it from init, enters
// the namespace, samples and comes back, one request at a time.
type mainThread struct {
	requests chan sampleRequest
	home     *netns.Handle
	sampler  *hostsample.Sampler
}

// sampleRequest asks for a sample of the namespace at one of paths.
type sampleRequest struct {
	paths []string
	label string
	want  snapshot.Want
	reply chan sampleReply
}

// sampleReply is a sample and its error.
type sampleReply struct {
	host *snapshot.Host
	err  error
}

// newMainThread opens the namespace to come back to.
func newMainThread() (*mainThread, error) {
	home, err := netns.Current()
	if err != nil {
		return nil, err
	}
	return &mainThread{
		requests: make(chan sampleRequest),
		home:     home,
		sampler:  hostsample.New("/proc"),
	}, nil
}

// serve answers requests until stop is closed. It must run on the main
// goroutine.
func (m *mainThread) serve(stop <-chan struct{}) {
	for {
		select {
		case r := <-m.requests:
			h, err := m.sampleIn(r)
			r.reply <- sampleReply{h, err}
		case <-stop:
			return
		}
	}
}

// sampleIn enters the namespace, samples it and comes back. Failing to
// come back would leave every later sample in the wrong namespace: the
// program ends.
func (m *mainThread) sampleIn(r sampleRequest) (*snapshot.Host, error) {
	ns, err := openFirst(r.paths, r.label)
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	if err := ns.Enter(); err != nil {
		return nil, err
	}
	h, err := m.sampler.Sample(r.want)
	if err := m.home.Enter(); err != nil {
		fmt.Fprintf(os.Stderr, "netstat-exporter: cannot return to the exporter's network namespace: %v\n", err)
		os.Exit(1)
	}
	return h, err
}

// openFirst opens the first of paths that opens (a process may have ended
// since the namespaces were listed).
func openFirst(paths []string, label string) (*netns.Handle, error) {
	err := fmt.Errorf("network namespace %s has no file left to open", label)
	for _, p := range paths {
		var h *netns.Handle
		if h, err = netns.OpenPath(p, label); err == nil {
			return h, nil
		}
	}
	return nil, err
}

// namespaceSampler samples one namespace through the main thread.
type namespaceSampler struct {
	thread *mainThread
	paths  []string
	label  string
}

// Sample implements snapshot.Sampler.
func (s namespaceSampler) Sample(want snapshot.Want) (*snapshot.Host, error) {
	reply := make(chan sampleReply, 1)
	s.thread.requests <- sampleRequest{paths: s.paths, label: s.label, want: want, reply: reply}
	r := <-reply
	return r.host, r.err
}
