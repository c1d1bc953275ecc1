package webhook

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"channeld/internal/platform/apperr"
)

// Guard refuses webhook URLs that reach into the network channeld runs in (loopback, private,
// link-local, unspecified and other non-public addresses), unless AllowPrivate is set, as
// local development and tests do. URLs are checked when saved and again at each connection,
// after DNS resolution, so a name that later resolves to 10.0.0.1 is refused too.
type Guard struct{ AllowPrivate bool }

// publicAddr reports whether ip is an address on the public internet.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsPrivate() && !ip.IsLinkLocalUnicast() &&
		!ip.IsLinkLocalMulticast() && !ip.IsUnspecified() && !ip.IsMulticast() && !ip.IsInterfaceLocalMulticast() &&
		!cgnat.Contains(ip)
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// CheckURL validates a webhook URL: absolute http(s) with a host, and, unless private
// addresses are allowed, a host whose every address is public.
func (g Guard) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return apperr.Invalidf("url must be an absolute http or https URL")
	}
	if g.AllowPrivate {
		return nil
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if !publicAddr(ip) {
			return apperr.Invalidf("url %s resolves to a private, loopback or link-local address", raw)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return apperr.Invalidf("url host %s does not resolve", host)
	}
	for _, ip := range addrs {
		if !publicAddr(ip) {
			return apperr.Invalidf("url %s resolves to a private, loopback or link-local address", raw)
		}
	}
	return nil
}

// control is a net.Dialer Control that refuses connections to non-public addresses.
func (g Guard) control(_, address string, _ syscall.RawConn) error {
	if g.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook address %s: %w", address, err)
	}
	if !publicAddr(ap.Addr()) {
		return fmt.Errorf("webhook address %s is not public", ap.Addr())
	}
	return nil
}
