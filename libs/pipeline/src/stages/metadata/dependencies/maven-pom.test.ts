import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../../../git/testing/fixture-repository.js';
import { dependencyLines, readManifestFixture } from './manifest-fixture.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

const PARENT_POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>shop-parent</artifactId>
  <version>2.3.0</version>
  <packaging>pom</packaging>
  <description>Acme's shop &amp; friends.</description>
  <licenses>
    <license>
      <name>The Apache Software License, Version 2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
    </license>
  </licenses>
  <modules>
    <module>shop-core</module>
    <module>shop-web</module>
  </modules>
  <properties>
    <java.version>21</java.version>
    <jackson.version>2.17.0</jackson.version>
    <junit.version>5.10.2</junit.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.fasterxml.jackson.core</groupId>
        <artifactId>jackson-databind</artifactId>
        <version>\${jackson.version}</version>
      </dependency>
      <dependency>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-dependencies</artifactId>
        <version>3.2.4</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>\${junit.version}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
`;

const CORE_POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.acme</groupId>
    <artifactId>shop-parent</artifactId>
    <version>2.3.0</version>
  </parent>
  <artifactId>shop-core</artifactId>
  <properties>
    <guava.version>33.1.0-jre</guava.version>
    <guava.full>\${guava.version}</guava.full>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>\${guava.full}</version>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>\${project.groupId}</groupId>
      <artifactId>shop-api</artifactId>
      <version>\${project.version}</version>
    </dependency>
    <dependency>
      <groupId>jakarta.servlet</groupId>
      <artifactId>jakarta.servlet-api</artifactId>
      <version>6.0.0</version>
      <scope>provided</scope>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>42.7.3</version>
      <optional>true</optional>
    </dependency>
    <dependency>
      <groupId>org.mockito</groupId>
      <artifactId>mockito-core</artifactId>
      <version>5.11.0</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.2.5</version>
      </plugin>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;

describe('pom.xml', () => {
  it('reads dependencies with properties resolved, scopes as kinds, plugins as build and modules', async () => {
    const parent = await readManifestFixture(temp.dir, { 'pom.xml': PARENT_POM, 'shop-core/pom.xml': CORE_POM }, 'pom.xml');
    expect(parent).toMatchObject({ name: 'shop-parent', description: "Acme's shop & friends.", license: 'Apache-2.0' });
    expect(parent.workspace).toEqual({ patterns: ['shop-core', 'shop-web'], memberManifest: 'pom.xml' });
    expect(dependencyLines(parent)).toEqual(['dev org.junit.jupiter:junit-jupiter 5.10.2']);
    expect(parent.dependencies[0]?.ecosystem).toBe('maven');

    // The module inherits the parent's properties and managed versions, read from the checkout.
    const core = await readManifestFixture(temp.dir, {}, 'shop-core/pom.xml');
    expect(core.name).toBe('shop-core');
    expect(dependencyLines(core)).toEqual([
      'runtime com.google.guava:guava 33.1.0-jre',
      'runtime com.fasterxml.jackson.core:jackson-databind 2.17.0',
      'runtime com.acme:shop-api 2.3.0',
      'optional jakarta.servlet:jakarta.servlet-api 6.0.0',
      'optional org.postgresql:postgresql 42.7.3',
      'dev org.mockito:mockito-core 5.11.0',
      'build org.apache.maven.plugins:maven-surefire-plugin 3.2.5',
      'build org.springframework.boot:spring-boot-maven-plugin -',
    ]);
  });

  it('rejects XML that is not well formed and bounds entity expansion', async () => {
    await expect(readManifestFixture(temp.dir, { 'a/pom.xml': '<project><dependencies></project>' }, 'a/pom.xml')).rejects.toThrow(/malformed XML/);
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
]>
<project><artifactId>&lol6;</artifactId></project>`;
    const outcome = await readManifestFixture(temp.dir, { 'b/pom.xml': lol }, 'b/pom.xml').then(
      (info) => info.name?.length ?? 0,
      () => 'rejected',
    );
    // Either refused or expanded within the bounds; never a million-character name.
    expect(outcome === 'rejected' || (typeof outcome === 'number' && outcome <= 100_000)).toBe(true);
  });
});

describe('POM property chains', () => {
  it('stop a POM from growing a version exponentially', async () => {
    const names = Array.from({ length: 40 }, (_, index) => `p${index}`);
    const properties = names.map((name, index) => `<${name}>${index === 39 ? 'x' : `\${p${index + 1}}\${p${index + 1}}`}</${name}>`).join('');
    const pom = `<project><artifactId>bomb</artifactId><properties>${properties}</properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>\${p0}</version></dependency></dependencies></project>`;
    const info = await readManifestFixture(temp.dir, { 'bomb/pom.xml': pom }, 'bomb/pom.xml');
    expect((info.dependencies[0]?.version ?? '').length).toBeLessThanOrEqual(1024);
  });
});
