<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\ConnectionKit;
use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\ProxmoxConsoleLink;
use SupportProvisioningPortal\Domain\RdpFile;
use SupportProvisioningPortal\Domain\TicketLink;

final class ConnectionKitTest extends TestCase
{
    public function testNoKitWithoutAnAddress(): void
    {
        self::assertNull(ConnectionKit::resolve(ConnectionProfile::fromInput([['kind' => 'ssh']]), []));
        self::assertNull(ConnectionKit::resolve(ConnectionProfile::empty(), ['not-an-ip']));
    }

    public function testIpv4FirstAndEveryKindResolved(): void
    {
        $profile = ConnectionProfile::fromInput([
            ['kind' => 'ssh', 'user' => 'root'],
            ['kind' => 'rdp', 'port' => 3390],
            ['kind' => 'web', 'scheme' => 'http', 'port' => 8080, 'path' => '/ui'],
            ['kind' => 'note', 'text' => "line one\nline two"],
        ]);
        $kit = ConnectionKit::resolve($profile, ['2001:db8::5', '192.0.2.7']);
        self::assertNotNull($kit);
        self::assertSame(['192.0.2.7', '2001:db8::5'], $kit['addresses']);
        self::assertSame('ssh -p 22 root@192.0.2.7', $kit['entries'][0]['targets'][0]['command']);
        self::assertSame('ssh -p 22 root@2001:db8::5', $kit['entries'][0]['targets'][1]['command']);
        self::assertSame('[2001:db8::5]:3390', $kit['entries'][1]['targets'][1]['fullAddress']);
        self::assertSame('http://[2001:db8::5]:8080/ui', $kit['entries'][2]['targets'][1]['url']);
        self::assertSame(['kind' => 'note', 'text' => "line one\nline two"], $kit['entries'][3]);
        self::assertSame(2, $kit['entries'][2]['index']);
    }

    public function testSshWithoutUserAndWebOnItsDefaultPort(): void
    {
        $kit = ConnectionKit::resolve(ConnectionProfile::fromInput([['kind' => 'ssh'], ['kind' => 'web']]), ['198.51.100.3']);
        self::assertNotNull($kit);
        self::assertSame('ssh -p 22 198.51.100.3', $kit['entries'][0]['targets'][0]['command']);
        self::assertSame('https://198.51.100.3/', $kit['entries'][1]['targets'][0]['url']);
    }

    public function testStoredProfileRoundTrips(): void
    {
        $profile = ConnectionProfile::fromInput([['kind' => 'rdp', 'user' => 'DOM\\admin', 'label' => 'Bürо']]);
        self::assertSame($profile->entries, ConnectionProfile::fromJson($profile->toJson())->entries);
        self::assertSame([], ConnectionProfile::fromJson('{broken')->entries);
        self::assertSame([], ConnectionProfile::fromJson(null)->entries);
    }

    public function testRdpFileHoldsOnlyAddressUserAndPrompt(): void
    {
        $entry = ConnectionProfile::fromInput([['kind' => 'rdp', 'user' => 'admin@corp.example']])->entries[0];
        self::assertSame(
            "full address:s:[2001:db8::1]:3389\r\nusername:s:admin@corp.example\r\nprompt for credentials:i:1\r\n",
            RdpFile::content($entry, '2001:db8::1')
        );
        self::assertSame('deployment-7-pbx-f-r-acme.rdp', RdpFile::fileName(7, 'PBX für ACME'));
    }

    public function testConsoleLinkFollowsPveManagersOpenVncViewer(): void
    {
        self::assertSame(
            'https://pve.example:8006/?console=kvm&novnc=1&vmid=105&vmname=SUP-1%20PBX&node=pve1&resize=off&cmd=',
            ProxmoxConsoleLink::url('https://pve.example:8006/api2/json', 'pve1', 105, 'SUP-1 PBX')
        );
        self::assertNull(ProxmoxConsoleLink::url('http://pve.example:8006', 'pve1', 105, 'x'));
        self::assertNull(ProxmoxConsoleLink::url('', 'pve1', 105, 'x'));
    }

    public function testTicketLinkPatternAndEncoding(): void
    {
        self::assertTrue(TicketLink::isValidPattern(''));
        self::assertTrue(TicketLink::isValidPattern('https://tracker.example/browse/{ticket}'));
        self::assertTrue(TicketLink::isValidPattern('http://t.example/?id={ticket}&x=1'));
        foreach (['ftp://t.example/{ticket}', 'https://t.example/', 'https://t.example/{ticket}{ticket}', 'https:///{ticket}', 'https://t.example/ {ticket}', 'javascript:{ticket}'] as $bad) {
            self::assertFalse(TicketLink::isValidPattern($bad), $bad);
        }
        self::assertSame('https://t.example/b/CASE%3A7%2B8%239', TicketLink::url('https://t.example/b/{ticket}', 'CASE:7+8#9'));
        self::assertNull(TicketLink::url('', 'SUP-1'));
        self::assertNull(TicketLink::url('https://t.example/b/{ticket}', ''));
    }
}
