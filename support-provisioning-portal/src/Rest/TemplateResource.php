<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\AutoStopSchedule;
use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Service\TemplateBacking;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\TemplateStore;
use SupportProvisioningPortal\Support\Time;

/**
 * The template resource of the REST API (CONTRACT §6), built from a TemplateStore row.
 */
final class TemplateResource
{
    private const BOOLEAN_FIELDS = ['startAfterCreate', 'requireTicketRef', 'baselineSnapshot', 'active', 'allowNeverExpire', 'sharedStorage', 'linkedClone'];

    /** @return array<string, mixed> */
    public static function schema(): array
    {
        $properties = ['id' => Schema::integer()];
        foreach (TemplateStore::FIELDS as $field => $column) {
            $properties[$field] = match (true) {
                $field === 'cloneMode' => Schema::enum([TemplateBacking::FULL, TemplateBacking::LINKED]),
                $field === 'autoStopDays' => Schema::listOf(Schema::integer()),
                in_array($field, self::BOOLEAN_FIELDS, true) => Schema::boolean(),
                in_array($column, TemplateStore::INT_COLUMNS, true) => Schema::integer(),
                default => Schema::string(),
            };
        }
        return Schema::resource('template', $properties + [
            'nodeCopies' => Schema::map(),
            'runsOn' => Schema::listOf(Schema::string()),
            'connectionProfile' => Schema::listOf(ConnectionSchemas::entry()),
            'createdAt' => Schema::dateTime(),
            'updatedAt' => Schema::dateTime(),
        ]);
    }

    /**
     * @param array<string, int|string> $row
     * @return array<string, int|string|bool|null>
     */
    public static function fromRow(array $row): array
    {
        $resource = ['id' => $row['id']];
        foreach (TemplateStore::FIELDS as $field => $column) {
            $resource[$field] = in_array($field, self::BOOLEAN_FIELDS, true) ? $row[$column] === 1 : $row[$column];
        }
        $resource['autoStopDays'] = AutoStopSchedule::daysFromColumn((string) $row['auto_stop_days']);
        // '' means the configured node; name it, so the UI shows where the template lives.
        $resource['node'] = $row['node'] !== '' ? $row['node'] : SettingsStore::all()['node'];
        // Where it can run: any node for shared storage, else the nodes holding a copy.
        $resource['nodeCopies'] = (object) TemplateBacking::copies($row);
        $resource['runsOn'] = $row['shared_storage'] === 1 ? ['*'] : array_keys(TemplateBacking::sources($row, (string) $resource['node']));
        $resource['connectionProfile'] = ConnectionProfile::fromJson((string) $row['connection_profile'])->entries;
        $resource['createdAt'] = Time::dbToIso((string) $row['created_at']);
        $resource['updatedAt'] = Time::dbToIso((string) $row['updated_at']);
        return $resource;
    }
}
