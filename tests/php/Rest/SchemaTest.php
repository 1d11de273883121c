<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Rest;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Rest\ConnectionSchemas;
use SupportProvisioningPortal\Rest\Schema;

final class SchemaTest extends TestCase
{
    public function testAnObjectRequiresEveryPropertyButTheOptionalOnesAndAllowsNoOthers(): void
    {
        $object = Schema::object(['id' => Schema::integer(), 'hint' => Schema::string()], ['hint']);
        self::assertSame(['id'], $object['required']);
        self::assertFalse($object['additionalProperties']);
        self::assertSame(['type' => 'integer'], $object['properties']['id']);
    }

    public function testNullableAddsNullToTheTypeAndKeepsTheRest(): void
    {
        self::assertSame(['type' => ['string', 'null'], 'format' => 'date-time'], Schema::nullable(Schema::dateTime()));
        self::assertSame(['type' => ['object', 'null'], 'additionalProperties' => true], Schema::nullable(Schema::map()));
    }

    public function testAnEnumTakesItsTypeFromItsValues(): void
    {
        self::assertSame(['type' => 'integer', 'enum' => [4, 6]], Schema::enum([4, 6]));
        self::assertSame(['type' => 'string', 'enum' => ['ssh', 'rdp']], Schema::enum(['ssh', 'rdp']));
    }

    public function testAResourceIsADraftFourObjectWithATitle(): void
    {
        $resource = Schema::resource('share', ['userId' => Schema::integer()]);
        self::assertSame('http://json-schema.org/draft-04/schema#', $resource['$schema']);
        self::assertSame(['share', 'object', ['userId']], [$resource['title'], $resource['type'], $resource['required']]);
    }

    public function testConnectionEntriesAreOneOfThreeKindsAndKitEntriesAddIndexAndTargetsToTheReachableOnes(): void
    {
        $kinds = static fn (array $oneOf): array => array_map(static fn (array $shape): array => $shape['properties']['kind']['enum'], $oneOf['oneOf']);
        self::assertSame([['ssh', 'rdp'], ['web'], ['note']], $kinds(ConnectionSchemas::entry()));
        $kit = ConnectionSchemas::kit();
        $shapes = $kit['properties']['entries']['items']['oneOf'];
        self::assertSame([true, true, false], array_map(static fn (array $shape): bool => isset($shape['properties']['targets'], $shape['properties']['index']), $shapes));
        self::assertSame(['address', 'family'], $shapes[0]['properties']['targets']['items']['required']);
    }
}
