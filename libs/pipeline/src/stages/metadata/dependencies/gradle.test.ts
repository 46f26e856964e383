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

const GROOVY_BUILD = `plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.4'
    id "io.spring.dependency-management" version "1.1.4"
    alias(libs.plugins.versions)
}

buildscript {
    ext.kotlin_version = '1.9.23'
    dependencies {
        classpath "org.jetbrains.kotlin:kotlin-gradle-plugin:$kotlin_version"
    }
}

def okhttpVersion = '4.12.0'
ext {
    versions = [junit: '5.10.2']
}

dependencies {
    // the web layer
    implementation 'org.springframework.boot:spring-boot-starter-web'
    implementation("com.squareup.okhttp3:okhttp:\${okhttpVersion}")
    implementation "com.google.guava:guava:$guavaVersion"
    api group: 'org.apache.commons', name: 'commons-lang3', version: '3.14.0'
    implementation 'a.b:first:1.0', 'a.b:second:2.0'
    implementation libs.jackson.databind
    implementation libs.bundles.ktor
    implementation project(':core')
    implementation fileTree(dir: 'libs', include: ['*.jar'])
    compileOnly 'org.projectlombok:lombok:1.18.32'
    annotationProcessor 'org.projectlombok:lombok:1.18.32'
    runtimeOnly 'org.postgresql:postgresql:42.7.3'
    developmentOnly 'org.springframework.boot:spring-boot-devtools'
    testImplementation("org.junit.jupiter:junit-jupiter:\${versions.junit}") {
        exclude group: 'org.hamcrest'
    }
    testImplementation platform('org.testcontainers:testcontainers-bom:1.19.7')
    constraints {
        implementation 'org.yaml:snakeyaml:2.2'
    }
}
`;

const CATALOG = `[versions]
jackson = "2.17.0"
ktor = { require = "2.3.10" }

[libraries]
jackson-databind = { module = "com.fasterxml.jackson.core:jackson-databind", version.ref = "jackson" }
ktor-server-core = { group = "io.ktor", name = "ktor-server-core", version.ref = "ktor" }
ktor_server_netty = "io.ktor:ktor-server-netty:2.3.10"
kotlinx-coroutines = { module = "org.jetbrains.kotlinx:kotlinx-coroutines-core" }

[bundles]
ktor = ["ktor-server-core", "ktor-server-netty"]

[plugins]
versions = { id = "com.github.ben-manes.versions", version = "0.51.0" }
kotlin-jvm = "org.jetbrains.kotlin.jvm:1.9.23"
`;

const KOTLIN_BUILD = `import org.jetbrains.kotlin.gradle.tasks.KotlinCompile

plugins {
    kotlin("jvm") version "1.9.23"
    application
    \`java-library\`
    id("com.google.devtools.ksp") version "1.9.23-1.0.20" apply false
    alias(libs.plugins.kotlin.jvm)
}

val ktorVersion: String by project
val exposedVersion = "0.49.0"

/* dependencies { implementation("commented:out:1") } */
dependencies {
    implementation(kotlin("stdlib"))
    implementation(kotlin("reflect", "1.9.23"))
    implementation("io.ktor:ktor-server-core:$ktorVersion")
    implementation("org.jetbrains.exposed:exposed-core:\${exposedVersion}")
    implementation(libs.kotlinx.coroutines)
    api(group = "org.apache.commons", name = "commons-lang3", version = "3.14.0")
    implementation(project(":core"))
    ksp("com.google.dagger:dagger-compiler:2.51")
    "kapt"("com.google.auto.service:auto-service:1.1.1")
    add("testImplementation", "io.kotest:kotest-runner-junit5:5.8.1")
    testImplementation("io.mockk:mockk:1.13.10") {
        exclude(group = "org.slf4j")
    }
    testImplementation(platform("org.junit:junit-bom:5.10.2"))
    compileOnly("org.projectlombok:lombok:1.18.32")
}
`;

describe('Gradle builds', () => {
  it('reads a Groovy build.gradle: configurations as kinds, properties, map notation, catalogs, plugins', async () => {
    const info = await readManifestFixture(
      temp.dir,
      { 'build.gradle': GROOVY_BUILD, 'gradle.properties': 'guavaVersion=33.1.0-jre\norg.gradle.jvmargs=-Xmx2g\n', 'gradle/libs.versions.toml': CATALOG },
      'build.gradle',
    );
    expect(info.dependencies.every((d) => d.ecosystem === 'gradle')).toBe(true);
    expect(dependencyLines(info)).toEqual([
      'build org.springframework.boot 3.2.4',
      'build io.spring.dependency-management 1.1.4',
      'build com.github.ben-manes.versions 0.51.0',
      'build org.jetbrains.kotlin:kotlin-gradle-plugin 1.9.23',
      'runtime org.springframework.boot:spring-boot-starter-web -',
      'runtime com.squareup.okhttp3:okhttp 4.12.0',
      'runtime com.google.guava:guava 33.1.0-jre',
      'runtime org.apache.commons:commons-lang3 3.14.0',
      'runtime a.b:first 1.0',
      'runtime a.b:second 2.0',
      'runtime com.fasterxml.jackson.core:jackson-databind 2.17.0',
      'runtime io.ktor:ktor-server-core 2.3.10',
      'runtime io.ktor:ktor-server-netty 2.3.10',
      'optional org.projectlombok:lombok 1.18.32',
      'build org.projectlombok:lombok 1.18.32',
      'runtime org.postgresql:postgresql 42.7.3',
      'dev org.springframework.boot:spring-boot-devtools -',
      'dev org.junit.jupiter:junit-jupiter 5.10.2',
      'dev org.testcontainers:testcontainers-bom 1.19.7',
    ]);
  });

  it('reads a Kotlin DSL build.gradle.kts the same way', async () => {
    const info = await readManifestFixture(
      temp.dir,
      { 'app/build.gradle.kts': KOTLIN_BUILD, 'gradle.properties': 'ktorVersion=2.3.10\n', 'gradle/libs.versions.toml': CATALOG },
      'app/build.gradle.kts',
    );
    expect(dependencyLines(info)).toEqual([
      'build org.jetbrains.kotlin.jvm 1.9.23',
      'build com.google.devtools.ksp 1.9.23-1.0.20',
      'build org.jetbrains.kotlin.jvm 1.9.23',
      'runtime org.jetbrains.kotlin:kotlin-stdlib -',
      'runtime org.jetbrains.kotlin:kotlin-reflect 1.9.23',
      'runtime io.ktor:ktor-server-core 2.3.10',
      'runtime org.jetbrains.exposed:exposed-core 0.49.0',
      'runtime org.jetbrains.kotlinx:kotlinx-coroutines-core -',
      'runtime org.apache.commons:commons-lang3 3.14.0',
      'build com.google.dagger:dagger-compiler 2.51',
      'build com.google.auto.service:auto-service 1.1.1',
      'dev io.kotest:kotest-runner-junit5 5.8.1',
      'dev io.mockk:mockk 1.13.10',
      'dev org.junit:junit-bom 5.10.2',
      'optional org.projectlombok:lombok 1.18.32',
    ]);
  });

  it('reads the project name and included projects of settings.gradle(.kts)', async () => {
    const groovy = await readManifestFixture(temp.dir, { 'settings.gradle': "rootProject.name = 'shop'\ninclude ':app', ':libs:core'\ninclude 'cli'\n" }, 'settings.gradle');
    expect(groovy).toMatchObject({ name: 'shop', workspace: { patterns: ['app', 'libs/core', 'cli'] } });
    const kotlin = await readManifestFixture(temp.dir, { 'k/settings.gradle.kts': 'rootProject.name = "shop-kts"\ninclude(":app", ":lib")\n' }, 'k/settings.gradle.kts');
    expect(kotlin).toMatchObject({ name: 'shop-kts', workspace: { patterns: ['app', 'lib'] } });
  });

  it('stops a script from growing a version exponentially', async () => {
    const names = Array.from({ length: 40 }, (_, index) => `p${index}`);
    const assignments = names.map((name, index) => (index === 0 ? `def p0 = 'x'` : `def ${name} = "\${p${index - 1}}\${p${index - 1}}"`)).join('\n');
    const script = `${assignments}\ndependencies {\n    implementation "g:a:\${p39}"\n}\n`;
    const info = await readManifestFixture(temp.dir, { 'bomb/build.gradle': script }, 'bomb/build.gradle');
    expect((info.dependencies[0]?.version ?? '').length).toBeLessThanOrEqual(1024);
  });
});
