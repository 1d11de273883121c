<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Paging;

final class PagingTest extends TestCase
{
    public function testOffsetCountsTheRowsBeforeThePage(): void
    {
        self::assertSame(0, Paging::offset(1, 20));
        self::assertSame(40, Paging::offset(3, 20));
    }

    public function testTheLastPageKeepsTheOffsetA32BitNumber(): void
    {
        self::assertLessThanOrEqual(2147483647, Paging::offset(Paging::MAX_PAGE, Paging::MAX_PER_PAGE));
    }

    /**
     * @dataProvider outOfBounds
     */
    public function testOutOfBoundsIsRefused(int $page, int $perPage): void
    {
        $this->expectException(\InvalidArgumentException::class);
        Paging::offset($page, $perPage);
    }

    /**
     * @return array<string, array{int, int}>
     */
    public static function outOfBounds(): array
    {
        return [
            'page 0' => [0, 20],
            'negative page' => [-5, 20],
            'page past the maximum' => [Paging::MAX_PAGE + 1, 20],
            'a page that overflowed' => [PHP_INT_MAX, 100],
            'per_page 0' => [1, 0],
            'per_page past the maximum' => [1, Paging::MAX_PER_PAGE + 1],
        ];
    }
}
