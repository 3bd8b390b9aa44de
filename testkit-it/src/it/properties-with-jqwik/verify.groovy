// Each build, one per JUnit version, ran the expected tests and all of them passed.
def expected = ['OnboardingTest': 4, 'OnboardingPropertiesTest': 1]
junitVersions.split(',').each { version ->
  def reports = new File(basedir, "target/surefire-reports/junit-${version}")
  assert reports.isDirectory() : "no test reports for JUnit ${version} in ${reports}"
  expected.each { testClass, count ->
    def report = new File(reports, "TEST-com.example.shop.${testClass}.xml")
    assert report.isFile() : "JUnit ${version}: ${testClass} did not run (no ${report.name})"
    def suite = (report.text =~ /<testsuite [^>]*>/)[0]
    def attribute = { name -> (suite =~ /\b${name}="(\d+)"/)[0][1] as int }
    assert attribute('tests') == count : "JUnit ${version}: ${testClass} ran ${attribute('tests')} tests, expected ${count}"
    ['failures', 'errors', 'skipped'].each { kind ->
      assert attribute(kind) == 0 : "JUnit ${version}: ${testClass} has ${attribute(kind)} ${kind}"
    }
  }
}
return true
