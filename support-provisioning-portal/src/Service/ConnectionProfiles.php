<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * Reading and replacing the connection profile of a template (active or retired).
 */
final class ConnectionProfiles
{
    public static function get(int $templateId): ConnectionProfile
    {
        return ConnectionProfile::fromJson((string) self::template($templateId)['connection_profile']);
    }

    /**
     * @param array<mixed> $entries as sent; validated here
     * @throws \SupportProvisioningPortal\Domain\InvalidInput
     */
    public static function replace(int $templateId, array $entries): ConnectionProfile
    {
        $before = self::get($templateId);
        $after = ConnectionProfile::fromInput($entries);
        TemplateStore::update($templateId, ['connection_profile' => $after->entries === [] ? null : $after->toJson()]);
        AuditTrail::describe('template', $templateId, null, ['before' => $before->entries, 'after' => $after->entries]);
        return $after;
    }

    /** @return array<string, int|string> */
    private static function template(int $templateId): array
    {
        return TemplateStore::find($templateId) ?? throw ServiceError::fromCode(ErrorCode::TEMPLATE_NOT_FOUND);
    }
}
