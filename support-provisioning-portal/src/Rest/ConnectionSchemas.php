<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\ConnectionProfile;

/**
 * The schemas of connection profile entries and of the connection kit built from them
 * (Domain\ConnectionProfile, Domain\ConnectionKit).
 */
final class ConnectionSchemas
{
    /**
     * A profile entry: SSH or RDP, web, or a note.
     *
     * @return array<string, mixed>
     */
    public static function entry(): array
    {
        return Schema::oneOf(...self::shapes([]));
    }

    /**
     * The kit: the VM's addresses and each entry applied to them (notes as they are).
     *
     * @return array<string, mixed>
     */
    public static function kit(): array
    {
        $target = Schema::object([
            'address' => Schema::string(),
            'family' => Schema::enum([4, 6]),
            'command' => Schema::string(),
            'fullAddress' => Schema::string(),
            'url' => Schema::string(),
        ], ['command', 'fullAddress', 'url']);
        $resolved = ['index' => Schema::integer(), 'targets' => Schema::listOf($target)];
        return Schema::object([
            'addresses' => Schema::listOf(Schema::string()),
            'entries' => Schema::listOf(Schema::oneOf(...self::shapes($resolved))),
        ]);
    }

    /**
     * The three entry shapes; `$resolved` is added to those that reach an address.
     *
     * @param array<string, array<string, mixed>> $resolved
     * @return list<array<string, mixed>>
     */
    private static function shapes(array $resolved): array
    {
        $kind = static fn (string ...$kinds): array => ['kind' => Schema::enum($kinds)];
        return [
            Schema::object($kind(ConnectionProfile::KIND_SSH, ConnectionProfile::KIND_RDP) + [
                'label' => Schema::string(),
                'port' => Schema::integer(),
                'user' => Schema::string(),
            ] + $resolved),
            Schema::object($kind(ConnectionProfile::KIND_WEB) + [
                'label' => Schema::string(),
                'scheme' => Schema::enum(['https', 'http']),
                'port' => Schema::integer(),
                'path' => Schema::string(),
            ] + $resolved),
            Schema::object($kind(ConnectionProfile::KIND_NOTE) + ['text' => Schema::string()]),
        ];
    }
}
