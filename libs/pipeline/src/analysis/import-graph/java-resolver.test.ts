import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { edgesFrom, fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A two-module Maven project. */
const project = fixtureInput({
  sources: {
    'app/src/main/java/com/acme/shop/ShopApplication.java': [
      'com.acme.shop.orders.OrderService',
      'com.acme.common.util.*',
      'org.springframework.boot.SpringApplication',
      'java.util.List',
    ],
    'app/src/main/java/com/acme/shop/orders/OrderService.java': [
      'com.acme.shop.orders.Order.Status',
      'static com.acme.common.util.Strings.isBlank',
      'com.acme.shop.billing.Invoice',
    ],
    'app/src/main/java/com/acme/shop/orders/Order.java': [],
    'app/src/test/java/com/acme/shop/orders/OrderServiceTest.java': ['com.acme.shop.orders.OrderService', 'org.junit.jupiter.api.Test'],
    'common/src/main/java/com/acme/common/util/Strings.java': [],
    'common/src/main/java/com/acme/common/util/Dates.java': [],
  },
  others: { 'pom.xml': '<project/>', 'app/pom.xml': '<project/>', 'common/pom.xml': '<project/>' },
  categories: { 'app/src/test/java/com/acme/shop/orders/OrderServiceTest.java': 'test' },
});

describe('resolveImports for Java', () => {
  it('finds a class under any module’s source root, and a wildcard’s whole package', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'app/src/main/java/com/acme/shop/ShopApplication.java')['com.acme.shop.orders.OrderService']).toBe(
      'app/src/main/java/com/acme/shop/orders/OrderService.java',
    );
    expect(edgesFrom(result, 'app/src/main/java/com/acme/shop/ShopApplication.java')).toEqual([
      'app/src/main/java/com/acme/shop/orders/OrderService.java',
      'common/src/main/java/com/acme/common/util/Dates.java',
      'common/src/main/java/com/acme/common/util/Strings.java',
    ]);
  });

  it('resolves nested classes and static imports to the outer class file', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'app/src/main/java/com/acme/shop/orders/OrderService.java')).toMatchObject({
      'com.acme.shop.orders.Order.Status': 'app/src/main/java/com/acme/shop/orders/Order.java',
      'static com.acme.common.util.Strings.isBlank': 'common/src/main/java/com/acme/common/util/Strings.java',
    });
  });

  it('counts a missing class of the project’s own packages, not the JDK or libraries', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'app/src/main/java/com/acme/shop/orders/OrderService.java')['com.acme.shop.billing.Invoice']).toBeUndefined();
    expect(result.graph.unresolved).toBe(1);
    expect(result.graph.entryPoints).toEqual(['app/src/main/java/com/acme/shop/ShopApplication.java']);
  });
});
