<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TicketFields;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * Editing the case a deployment belongs to (ticket reference, customer, purpose). The same people
 * who manage its shares may: the owner and holders of manage_all; shared users may not.
 */
final class DeploymentDetails
{
    /** @param array<string, mixed> $values any of TicketFields::FIELDS, checked by the route schema */
    public static function update(int $userId, int $id, array $values): DeploymentRecord
    {
        $deployment = DeploymentAccess::authorize($userId, $id, Action::SHARE);
        $before = $deployment->ticket;
        $after = $before->with($values);
        self::requireTicketRef($deployment->templateRequiresTicketRef, $after);
        $changed = array_keys(array_diff_assoc($after->toArray(), $before->toArray()));
        AuditTrail::describe('deployment', $id, $id, [
            'ticketRef' => $after->ticketRef,
            'before' => array_intersect_key($before->toArray(), array_flip($changed)),
            'after' => array_intersect_key($after->toArray(), array_flip($changed)),
        ]);
        if ($changed !== []) {
            $live = array_values(array_filter(Status::cases(), static fn (Status $s): bool => $s !== Status::DELETED));
            DeploymentStore::updateWhere($id, $live, array_intersect_key($after->columns(), array_flip(array_map(
                static fn (string $field): string => TicketFields::FIELDS[$field],
                $changed
            ))));
        }
        return DeploymentStore::find($id, $userId) ?? throw ServiceError::fromCode(ErrorCode::DEPLOYMENT_NOT_FOUND);
    }

    public static function requireTicketRef(bool $required, TicketFields $ticket): void
    {
        if ($required && $ticket->ticketRef === '') {
            throw ServiceError::fromCode(ErrorCode::TICKET_REF_REQUIRED);
        }
    }
}
