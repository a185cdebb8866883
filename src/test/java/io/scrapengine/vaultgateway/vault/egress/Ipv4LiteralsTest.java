package io.scrapengine.vaultgateway.vault.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class Ipv4LiteralsTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1,127.0.0.1",
    "127.1,127.0.0.1",
    "127.0.1,127.0.0.1",
    "2130706433,127.0.0.1",
    "0x7f000001,127.0.0.1",
    "0X7F000001,127.0.0.1",
    "017700000001,127.0.0.1",
    "0177.0.0.1,127.0.0.1",
    "0177.0.0.01,127.0.0.1",
    "0x7f.1,127.0.0.1",
    "0x7f.0.0.0x1,127.0.0.1",
    "127.0.0.1.,127.0.0.1",
    "0,0.0.0.0",
    "0x,0.0.0.0",
    "3232235777,192.168.1.1",
    "0xa9fea9fe,169.254.169.254",
    "169.254.43518,169.254.169.254",
    "4294967295,255.255.255.255",
    "00000000000000000000177.1,127.0.0.1",
    "8.8.8.8,8.8.8.8"})
  void readsInetAtonSpellings(String host, String address) {
    Ipv4Literals.Reading reading = Ipv4Literals.read(host);
    assertEquals(address, assertInstanceOf(Ipv4Literals.Number.class, reading, host).address().getHostAddress());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4294967296", "256.0.0.1", "1.2.3.256", "1.2.65536", "1.2.3.4.5", "08.0.0.1", "0x7g.1",
    "1..1", "0x100000000", "1.0x100.1"})
  void numericHostsThatAreNotAddressesAreInvalidNotNames(String host) {
    assertInstanceOf(Ipv4Literals.Invalid.class, Ipv4Literals.read(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vault.example.com", "localhost", "1.2.3.example", "0x7f.example", "v1.vault", "0x1g"})
  void namesStayNames(String host) {
    assertInstanceOf(Ipv4Literals.Name.class, Ipv4Literals.read(host), host);
  }
}
