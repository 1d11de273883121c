<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\PlacementPolicy;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\ConnectionDetails;
use SupportProvisioningPortal\Service\PlacementRecord;
use SupportProvisioningPortal\Service\ProxmoxDetails;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Service\TicketSettings;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Support\Time;

/**
 * The deployment resource of the REST API (CONTRACT §6), including what the caller may do now.
 */
final class DeploymentResource
{
    /**
     * @param list<Right>|null $viewerRights the viewer's effective rights, when already known
     * @return array<string, mixed>
     */
    public static function toArray(DeploymentRecord $d, int $viewerId, ?array $viewerRights = null): array
    {
        return self::shape($d, new DeploymentView($viewerId, $viewerRights ?? UserRights::effective($viewerId)));
    }

    /**
     * A list's resources: what the rows share (DeploymentView) is worked out once for all of them.
     *
     * @param list<DeploymentRecord> $deployments
     * @param list<Right> $viewerRights the viewer's effective rights
     * @return list<array<string, mixed>>
     */
    public static function listOf(array $deployments, int $viewerId, array $viewerRights): array
    {
        $view = new DeploymentView($viewerId, $viewerRights);
        return array_map(static fn (DeploymentRecord $d): array => self::shape($d, $view), $deployments);
    }

    /** @return array<string, mixed> */
    private static function shape(DeploymentRecord $d, DeploymentView $view): array
    {
        [$allowedActions, $detailsEditable] = $view->actions($d);
        return [
            'id' => $d->id,
            'name' => $d->name,
            'status' => $d->status->value,
            'step' => $d->step,
            'templateId' => $d->templateId,
            'templateName' => $d->templateName,
            'osType' => $d->osType,
            'ownerId' => $d->ownerId,
            'ownerLogin' => $d->ownerLogin,
            'ownerName' => $d->ownerName,
            'node' => $d->node,
            'otherConnection' => $view->isOther($d),
            'vmid' => $d->vmid,
            'cpuCores' => $d->cpuCores,
            'memoryMb' => $d->memoryMb,
            'diskGb' => $d->diskGb,
            'neverExpire' => $d->neverExpire,
            'ttlHours' => $d->ttlHours,
            'expiresAt' => Time::dbToIso($d->expiresAt),
            // Within the site's longest warning lead time: the portal shows a banner.
            'expiresSoon' => $view->expiresSoon($d),
            'createdAt' => Time::dbToIso($d->createdAt),
            'updatedAt' => Time::dbToIso($d->updatedAt),
            'ipAddresses' => $d->ipAddresses,
            'ipAddressesUpdatedAt' => Time::dbToIso($d->ipAddressesUpdatedAt),
            'lastError' => self::lastError($d, $view),
            'sharedWithMe' => $d->sharedWithViewer,
            'allowedActions' => $allowedActions,
            'ticketRef' => self::optional($d->ticket->ticketRef),
            'ticketUrl' => TicketSettings::urlFor($d->ticket->ticketRef),
            'customer' => self::optional($d->ticket->customer),
            'purpose' => self::optional($d->ticket->purpose),
            // The case fields follow the share rule: the owner or manage_all (docs/decisions/connection-kit.md).
            'detailsEditable' => $detailsEditable,
            'connection' => ConnectionDetails::kit($d),
            'consoleUrl' => ConnectionDetails::consoleUrl($d, $view->rights),
            // The snapshot work in flight (docs/decisions/snapshots.md): what the progress shows.
            'snapshotTask' => $d->snapshotJob !== null && in_array($d->step, [Steps::SNAPSHOT, Steps::SNAPSHOT_WAIT], true)
                ? ['kind' => $d->snapshotJob->kind, 'name' => $d->snapshotJob->name]
                : null,
            // Where placement put the VM and why: managers only (docs/decisions/placement.md).
            'placement' => $view->managesAll ? PlacementRecord::describe($d->placement) : null,
        ];
    }

    /**
     * What toArray() answers; `ipAddressesHint` only on refresh-ips answers.
     *
     * @return array<string, mixed>
     */
    public static function schema(): array
    {
        $nullableString = Schema::nullable(Schema::string());
        $statuses = array_values(array_filter(Status::cases(), static fn (Status $s): bool => $s !== Status::DELETED));
        return Schema::resource('deployment', [
            'id' => Schema::integer(),
            'name' => Schema::string(),
            'status' => Schema::enum(array_map(static fn (Status $s): string => $s->value, $statuses)),
            'step' => Schema::string(),
            'templateId' => Schema::integer(),
            'templateName' => Schema::string(),
            'osType' => Schema::string(),
            'ownerId' => Schema::integer(),
            'ownerLogin' => Schema::string(),
            'ownerName' => Schema::string(),
            'node' => Schema::string(),
            'otherConnection' => Schema::boolean(),
            'vmid' => Schema::nullable(Schema::integer()),
            'cpuCores' => Schema::integer(),
            'memoryMb' => Schema::integer(),
            'diskGb' => Schema::integer(),
            'neverExpire' => Schema::boolean(),
            'ttlHours' => Schema::nullable(Schema::integer()),
            'expiresAt' => Schema::nullable(Schema::dateTime()),
            'expiresSoon' => Schema::boolean(),
            'createdAt' => Schema::dateTime(),
            'updatedAt' => Schema::dateTime(),
            'ipAddresses' => Schema::listOf(Schema::string()),
            'ipAddressesUpdatedAt' => Schema::nullable(Schema::dateTime()),
            'lastError' => $nullableString,
            'sharedWithMe' => Schema::boolean(),
            'allowedActions' => Schema::listOf(Schema::enum(array_map(static fn (Action $a): string => $a->value, Action::cases()))),
            'ipAddressesHint' => $nullableString,
            'ticketRef' => $nullableString,
            'ticketUrl' => $nullableString,
            'customer' => $nullableString,
            'purpose' => $nullableString,
            'detailsEditable' => Schema::boolean(),
            'connection' => Schema::nullable(ConnectionSchemas::kit()),
            'consoleUrl' => $nullableString,
            'snapshotTask' => Schema::nullable(Schema::object([
                'kind' => Schema::enum([SnapshotJob::TAKE, SnapshotJob::ROLLBACK, SnapshotJob::DELETE]),
                'name' => Schema::string(),
            ])),
            'placement' => Schema::nullable(Schema::object([
                'node' => Schema::string(),
                'policy' => Schema::enum(PlacementPolicy::ALL),
                'freeMb' => Schema::map(),
                'reason' => Schema::string(),
            ])),
        ], ['ipAddressesHint']);
    }

    private static function lastError(DeploymentRecord $d, DeploymentView $view): ?string
    {
        if ($d->lastError === '') {
            return null;
        }
        return ProxmoxDetails::visibleTo($d, $view->viewerId, $view->rights) ? $d->lastError : ProxmoxDetails::withheld();
    }

    private static function optional(string $value): ?string
    {
        return $value === '' ? null : $value;
    }
}
