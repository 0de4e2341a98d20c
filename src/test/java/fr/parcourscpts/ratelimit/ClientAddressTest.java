package fr.parcourscpts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** IPv6 clients count by their /64, so that rotating addresses in it gains nothing. */
class ClientAddressTest {

	@Test
	void addressesOfOneIpv6SlashSixtyFourCountAsOne() {
		assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.of("2001:db8:1:2:ffff:1:2:3"))
			.isEqualTo(ClientAddress.of("2001:0db8:0001:0002:0000:0000:0000:0009"));
		assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
	}

	@Test
	void ipv4AddressesCountOneByOne() {
		assertThat(ClientAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientAddress.of("203.0.113.8")).isNotEqualTo(ClientAddress.of("203.0.113.7"));
		assertThat(ClientAddress.of(null)).isEqualTo("inconnue");
	}

}
