<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\IpAddressFilter;

final class IpAddressFilterTest extends TestCase
{
    /**
     * A typical guest agent answer: loopback, a second NIC, then the primary NIC.
     *
     * @return list<array<string, mixed>>
     */
    private static function agentResult(): array
    {
        return [
            self::iface('lo', '00:00:00:00:00:00', ['127.0.0.1', '::1']),
            self::iface('eth1', 'bc:24:11:00:00:02', ['198.51.100.7', 'fe80::be24:11ff:fe00:2']),
            self::iface('eth0', 'bc:24:11:00:00:01', ['192.0.2.10', '2001:db8::10', 'fe80::be24:11ff:fe00:1']),
        ];
    }

    public function testDropsLoopbackAndLinkLocalAndKeepsAgentOrderWithoutPrimaryMac(): void
    {
        self::assertSame(
            ['198.51.100.7', '192.0.2.10', '2001:db8::10'],
            IpAddressFilter::usableAddresses(self::agentResult())
        );
    }

    public function testPrimaryInterfaceComesFirstMatchedCaseInsensitively(): void
    {
        self::assertSame(
            ['192.0.2.10', '2001:db8::10', '198.51.100.7'],
            IpAddressFilter::usableAddresses(self::agentResult(), 'BC:24:11:00:00:01')
        );
    }

    public function testUnknownPrimaryMacKeepsAgentOrder(): void
    {
        self::assertSame(
            ['198.51.100.7', '192.0.2.10', '2001:db8::10'],
            IpAddressFilter::usableAddresses(self::agentResult(), 'bc:24:11:99:99:99')
        );
    }

    public function testDeduplicatesInCanonicalForm(): void
    {
        $interfaces = [
            self::iface('eth0', 'aa:aa:aa:aa:aa:aa', ['2001:DB8:0:0::1', '203.0.113.5']),
            self::iface('eth1', 'bb:bb:bb:bb:bb:bb', ['2001:db8::1', '203.0.113.5']),
        ];

        self::assertSame(['2001:db8::1', '203.0.113.5'], IpAddressFilter::usableAddresses($interfaces));
    }

    /**
     * @dataProvider addresses
     */
    public function testAddressClassification(string $address, bool $kept): void
    {
        $result = IpAddressFilter::usableAddresses([self::iface('eth0', 'aa:aa:aa:aa:aa:aa', [$address])]);

        self::assertSame($kept ? [$address] : [], $result);
    }

    /**
     * @return array<string, array{string, bool}>
     */
    public static function addresses(): array
    {
        return [
            'IPv4 loopback start' => ['127.0.0.1', false],
            'IPv4 loopback end' => ['127.255.255.254', false],
            'just below loopback' => ['126.255.255.255', true],
            'just above loopback' => ['128.0.0.1', true],
            'IPv4 link-local' => ['169.254.12.34', false],
            'just below link-local' => ['169.253.255.255', true],
            'just above link-local' => ['169.255.0.1', true],
            'private IPv4' => ['10.0.0.5', true],
            'IPv6 loopback' => ['::1', false],
            'not loopback' => ['::2', true],
            'IPv6 link-local fe80' => ['fe80::1', false],
            'IPv6 link-local febf' => ['febf::1', false],
            'site-local fec0 is not link-local' => ['fec0::1', true],
            'unique local' => ['fd00::1', true],
            'documentation IPv6' => ['2001:db8::42', true],
            'malformed' => ['not-an-ip', false],
            'incomplete IPv4' => ['192.0.2', false],
            'scoped link-local' => ['fe80::1%eth0', false],
            'empty' => ['', false],
        ];
    }

    public function testEmptyAgentResultGivesNoAddresses(): void
    {
        self::assertSame([], IpAddressFilter::usableAddresses([]));
        self::assertSame([], IpAddressFilter::usableAddresses([], 'aa:aa:aa:aa:aa:aa'));
    }

    public function testSkipsEntriesOfUnexpectedShape(): void
    {
        $interfaces = [
            'garbage',
            ['name' => 'eth0'],
            ['name' => 'eth1', 'ip-addresses' => 'nope'],
            ['name' => 'eth2', 'ip-addresses' => ['x', ['prefix' => 24], ['ip-address' => 42]]],
            ['name' => 'eth3', 'hardware-address' => 7, 'ip-addresses' => [['ip-address' => '192.0.2.1']]],
        ];

        self::assertSame(['192.0.2.1'], IpAddressFilter::usableAddresses($interfaces, 'aa:aa:aa:aa:aa:aa'));
    }

    /**
     * @param list<string> $addresses
     * @return array<string, mixed>
     */
    private static function iface(string $name, string $mac, array $addresses): array
    {
        return [
            'name' => $name,
            'hardware-address' => $mac,
            'ip-addresses' => array_map(
                static fn (string $address): array => [
                    'ip-address' => $address,
                    'ip-address-type' => str_contains($address, ':') ? 'ipv6' : 'ipv4',
                    'prefix' => str_contains($address, ':') ? 64 : 24,
                ],
                $addresses
            ),
        ];
    }
}
