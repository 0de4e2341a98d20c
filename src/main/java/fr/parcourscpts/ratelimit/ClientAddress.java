package fr.parcourscpts.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The subject a client address is counted under. An IPv6 client usually holds a whole /64
 * (2^64 addresses to rotate through), so IPv6 addresses count by their /64 prefix; IPv4
 * addresses count one by one.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	/**
	 * @param remoteAddress the address the servlet container sees (an IP literal)
	 * @return the address itself for IPv4, its /64 prefix for IPv6
	 */
	public static String of(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isBlank()) {
			return "inconnue";
		}
		if (!remoteAddress.contains(":")) {
			return remoteAddress;
		}
		try {
			// A literal with ':' is parsed, never looked up.
			InetAddress address = InetAddress.getByName(remoteAddress);
			if (address instanceof Inet6Address) {
				byte[] bytes = address.getAddress();
				return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
			}
			return address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return remoteAddress;
		}
	}

}
